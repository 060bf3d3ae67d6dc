import { describe, expect, it } from "vitest";
import {
  type BudgetStore,
  type BudgetThresholdEvent,
  BudgetTracker,
  InMemoryBudgetStore,
  InMemorySpendLedger,
  LLMBudgetExceededError,
  LLMConfigError,
  periodEnd,
  periodStart,
  usdToNanos,
} from "../src/index.js";
import { reply, TestAdapter } from "./support/test-adapter.js";

const DAY = { every: "day", timeZone: "UTC" } as const;
const utc = (...parts: [number, number, number, number?, number?, number?]) => Date.UTC(...parts);

/** A store whose clock the test moves. */
function clockedStore(start: number) {
  const clock = { now: start };
  return { clock, store: new InMemoryBudgetStore({ now: () => clock.now }) };
}

describe("period boundaries (UTC)", () => {
  it("days start at midnight, weeks on Monday, months on the 1st, across year ends and leap days", () => {
    const day = { every: "day", timeZone: "UTC" } as const;
    const week = { every: "week", timeZone: "UTC" } as const;
    const month = { every: "month", timeZone: "UTC" } as const;
    expect(periodStart(day, utc(2026, 11, 1, 23, 59, 59) + 999)).toBe(utc(2026, 11, 1));
    expect(periodStart(day, utc(2026, 11, 2))).toBe(utc(2026, 11, 2));
    // 2026-12-03 is a Thursday; its week began on Monday 2026-11-30.
    expect(periodStart(week, utc(2026, 11, 3, 12))).toBe(utc(2026, 10, 30));
    expect(periodStart(week, utc(2026, 10, 30))).toBe(utc(2026, 10, 30));
    expect(periodStart(week, utc(2026, 10, 29, 23, 59))).toBe(utc(2026, 10, 23));
    expect(periodEnd(week, utc(2026, 10, 30))).toBe(utc(2026, 11, 7));
    expect(periodStart(month, utc(2028, 1, 29, 18))).toBe(utc(2028, 1, 1));
    expect(periodEnd(month, utc(2028, 1, 1))).toBe(utc(2028, 2, 1));
    expect(periodEnd(month, utc(2026, 11, 1))).toBe(utc(2027, 0, 1));
    expect(periodEnd(day, utc(2026, 11, 31))).toBe(utc(2027, 0, 1));
  });
});

describe("BudgetTracker({ window })", () => {
  it("resets spend at each boundary of the store's clock", async () => {
    const { clock, store } = clockedStore(utc(2026, 11, 1, 9));
    const budget = new BudgetTracker({ total: 1, store, window: DAY });
    await (await budget.reserve(usdToNanos(0.8))).settle(usdToNanos(0.8));
    await expect(budget.reserve(usdToNanos(0.5))).rejects.toBeInstanceOf(LLMBudgetExceededError);
    expect(await budget.snapshot()).toMatchObject({
      spent: 0.8,
      periodStart: utc(2026, 11, 1),
      periodEnd: utc(2026, 11, 2),
    });

    clock.now = utc(2026, 11, 2, 0, 0, 0);
    expect([budget.spent, budget.remaining()]).toEqual([0, 1]);
    await (await budget.reserve(usdToNanos(0.5))).settle(usdToNanos(0.25));
    expect(await budget.snapshot()).toMatchObject({ spent: 0.25, periodStart: utc(2026, 11, 2) });
  });

  it("a reservation made before a boundary settles in its own period, also through calls in flight", async () => {
    const { clock, store } = clockedStore(utc(2026, 11, 1, 23, 59, 30));
    const budget = new BudgetTracker({ total: 1, store, window: DAY });
    const ledger = new InMemorySpendLedger();
    ledger.attach(budget);
    const gates: Array<() => void> = [];
    const adapter = new TestAdapter(
      () =>
        new Promise((resolve) => {
          // 100k in + 100k out tokens = $0.30 at the test prices.
          gates.push(() => resolve(reply("late", 100_000, 100_000)));
        }),
    );
    const call = (agent: string) =>
      adapter.executePrompt("hi", {
        model: "test-model",
        maxOutputTokens: 100_000,
        budgetTracker: budget,
        metadata: { agent },
      });
    // Two calls reserve on Dec 1 (worst case ≈ $0.2 each) and are still running at midnight.
    const inFlight = [call("a"), call("b")];
    while (gates.length < 2) await new Promise((resolve) => setImmediate(resolve));
    expect(budget.reserved).toBeGreaterThan(0.4);

    clock.now = utc(2026, 11, 2, 0, 0, 5);
    // Dec 2 starts empty: the holds belong to Dec 1.
    expect([budget.spent, budget.reserved]).toEqual([0, 0]);
    const dec2 = call("c");
    while (gates.length < 3) await new Promise((resolve) => setImmediate(resolve));
    expect(budget.reserved).toBeGreaterThan(0.2);
    for (const open of gates) open();
    await Promise.all([...inFlight, dec2]);

    // Only the call reserved on Dec 2 counts against Dec 2.
    expect(await budget.snapshot()).toMatchObject({ spent: 0.3, reserved: 0 });
    const dec2Report = await ledger.report({ periodStart: utc(2026, 11, 2) });
    expect(dec2Report.total.costNanos).toBe(usdToNanos(budget.spent));
    const dec1Report = await ledger.report({ periodStart: utc(2026, 11, 1) });
    expect(dec1Report.total).toMatchObject({ calls: 2, costNanos: usdToNanos(0.6) });
  });

  it("fires thresholds once per period, with the period in the event", async () => {
    const { clock, store } = clockedStore(utc(2026, 11, 1, 10));
    const events: BudgetThresholdEvent[] = [];
    const budget = new BudgetTracker({
      total: 1,
      store,
      window: DAY,
      thresholds: [0.5],
      onThreshold: (event) => events.push(event),
    });
    const onEvents: BudgetThresholdEvent[] = [];
    budget.on("threshold", (event) => onEvents.push(event));
    const spend = async (usd: number) =>
      (await budget.reserve(usdToNanos(usd))).settle(usdToNanos(usd));
    await spend(0.6);
    await spend(0.1);
    clock.now = utc(2026, 11, 2, 10);
    await spend(0.2);
    await spend(0.4);
    await spend(0.1);
    expect(events.map((e) => [e.periodStart, e.spent])).toEqual([
      [utc(2026, 11, 1), 0.6],
      [utc(2026, 11, 2), 0.6],
    ]);
    expect(onEvents).toEqual(events);
  });

  it("a child's window nests in its parent's: daily sub-caps under a monthly cap", async () => {
    const { clock, store } = clockedStore(utc(2026, 11, 1, 12));
    const monthly = new BudgetTracker({ total: 2, store, window: { every: "month" } });
    const daily = monthly.child({ total: 0.5, window: DAY });
    const inherits = monthly.child({ total: 1 });
    expect(inherits.window).toEqual({ every: "month", timeZone: "UTC" });
    await (await daily.reserve(usdToNanos(0.5))).settle(usdToNanos(0.5));
    clock.now = utc(2026, 11, 2, 12);
    await (await daily.reserve(usdToNanos(0.5))).settle(usdToNanos(0.5));
    expect([daily.spent, monthly.spent]).toEqual([0.5, 1]);
    clock.now = utc(2027, 0, 1);
    expect([daily.spent, monthly.spent]).toEqual([0, 0]);
    expect(() => monthly.child({ total: 1, window: { every: "week" } })).toThrow(
      /must nest in its parent's \(every month\)/,
    );
  });

  it("refuses what it cannot do exactly: other time zones, unknown periods, stores that never reset", () => {
    const bad = (window: unknown) => () => new BudgetTracker({ total: 1, window: window as never });
    expect(bad({ every: "day", timeZone: "Europe/Berlin" })).toThrow(LLMConfigError);
    expect(bad({ every: "day", timeZone: "Europe/Berlin" })).toThrow(/timeZone "UTC" only/);
    expect(bad({ every: "hour" })).toThrow(/every: "day" \| "week" \| "month"/);
    expect(bad({ every: "day", tz: "UTC" })).toThrow(/Unknown budget option `window.tz`/);
    const inner = new InMemoryBudgetStore();
    const noWindows: BudgetStore = {
      reserve: (r) => inner.reserve(r),
      settle: (id, n, b) => inner.settle(id, n, b),
      release: (id, b) => inner.release(id, b),
      snapshot: (n) => inner.snapshot(n),
      adjustTotal: (n, d) => inner.adjustTotal(n, d),
    };
    expect(() => new BudgetTracker({ total: 1, store: noWindows, window: DAY })).toThrow(
      /does not reset budget windows/,
    );
  });
});
