import { describe, expect, it } from "vitest";
import { LLMBudgetExceededError, LLMBudgetStoreError } from "../errors/budget-errors.js";
import { LLMConfigError } from "../errors/provider-errors.js";
import type { BudgetStore } from "./budget-store.js";
import { type BudgetThresholdEvent, BudgetTracker } from "./budget-tracker.js";
import { InMemoryBudgetStore } from "./in-memory-budget-store.js";
import { usdToNanos } from "./money.js";

describe("BudgetTracker", () => {
  it("starts whole and reports total, spent, reserved and remaining in USD", () => {
    const budget = new BudgetTracker({ total: 2 });
    expect([budget.total, budget.spent, budget.reserved, budget.remaining()]).toEqual([2, 0, 0, 2]);
  });

  it("holds a reservation until it settles at the actual cost", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const reservation = await budget.reserve(usdToNanos(0.4));
    expect(budget.reserved).toBe(0.4);
    expect(budget.remaining()).toBeCloseTo(0.6, 12);
    await reservation.settle(usdToNanos(0.1));
    expect([budget.spent, budget.reserved, budget.remaining()]).toEqual([0.1, 0, 0.9]);
  });

  it("adds cents without float drift: a thousand charges of $0.001 are exactly $1", async () => {
    const budget = new BudgetTracker({ total: 1 });
    for (let i = 0; i < 1000; i++) await (await budget.reserve(1_000_000)).settle(1_000_000);
    expect(budget.spent).toBe(1);
    expect(budget.remaining()).toBe(0);
  });

  it("refuses a reservation that does not fit, with the numbers a caller needs", async () => {
    const budget = new BudgetTracker({ total: 1, name: "team" });
    await budget.reserve(usdToNanos(0.7));
    const error = await budget.reserve(usdToNanos(0.5)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMBudgetExceededError);
    expect(error).toMatchObject({
      limit: 1,
      spent: 0,
      reserved: 0.7,
      requested: 0.5,
      budgetName: "team",
    });
    expect((error as Error).message).toMatch(/"team".*\$0\.5.*\$0\.3 of \$1 is free/);
    expect(budget.reserved).toBe(0.7);
  });

  it("charges a child's spend to every ancestor and refuses at the tightest cap", async () => {
    const a = new BudgetTracker({ total: 1, name: "A" });
    const b = a.child({ total: 0.5, name: "B" });
    const c = b.child({ total: 0.2, name: "C" });
    await (await c.reserve(usdToNanos(0.2))).settle(usdToNanos(0.15));
    expect([a.spent, b.spent, c.spent]).toEqual([0.15, 0.15, 0.15]);

    const refusedAtC = await c.reserve(usdToNanos(0.1)).catch((e: unknown) => e);
    expect(refusedAtC).toMatchObject({ budgetName: "C", budgetId: c.id });

    await (await a.reserve(usdToNanos(0.8))).settle(usdToNanos(0.8));
    const refusedAtA = await b.reserve(usdToNanos(0.1)).catch((e: unknown) => e);
    expect(refusedAtA).toMatchObject({ budgetName: "A", budgetId: a.id });
    expect([a.reserved, b.reserved, c.reserved]).toEqual([0, 0, 0]);
  });

  it("derives child ids from the parent so a shared store can place a tree together", () => {
    const root = new BudgetTracker({ total: 1, id: "fleet" });
    expect(root.child({ total: 0.1, id: "worker-1" }).id).toBe("fleet/worker-1");
    expect(root.chain.map((node) => node.id)).toEqual(["fleet"]);
  });

  it("settles a reservation at most once", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const reservation = await budget.reserve(usdToNanos(0.5));
    const [first, second] = await Promise.all([
      reservation.settle(usdToNanos(0.2)),
      reservation.release(),
    ]);
    expect(first).toEqual({ status: "settled", chargedNanos: usdToNanos(0.2) });
    expect(second).toBe(first);
    expect([budget.spent, budget.reserved]).toEqual([0.2, 0]);
  });

  it("fires each threshold once when spend crosses it, on the budget and its ancestors", async () => {
    const events: BudgetThresholdEvent[] = [];
    const parent = new BudgetTracker({
      total: 1,
      thresholds: [0.5, 0.9],
      onThreshold: (e) => events.push(e),
    });
    const child = parent.child({ total: 1 });
    await (await child.reserve(usdToNanos(0.6))).settle(usdToNanos(0.6));
    await (await child.reserve(usdToNanos(0.1))).settle(usdToNanos(0.1));
    await (await child.reserve(usdToNanos(0.25))).settle(usdToNanos(0.25));
    expect(events.map((e) => [e.threshold, e.spent])).toEqual([
      [0.5, 0.6],
      [0.9, 0.95],
    ]);
  });

  it("tops up a budget", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const state = await budget.topUp(0.5);
    expect(state).toMatchObject({ total: 1.5, remaining: 1.5 });
    expect(budget.total).toBe(1.5);
  });

  it("rejects bad options with a config error that names the field", () => {
    expect(() => new BudgetTracker({ total: -1 })).toThrow(LLMConfigError);
    expect(() => new BudgetTracker({ total: Number.NaN })).toThrow(/`total`/);
    expect(() => new BudgetTracker({ total: 1, id: "a/b" })).toThrow(/`id`/);
    expect(() => new BudgetTracker({ total: 1, thresholds: [1.5] })).toThrow(/`thresholds.0`/);
    expect(() => new BudgetTracker({ total: 1, bogus: true } as never)).toThrow(/bogus/);
  });

  it("fails closed with a typed error when the store is unreachable", async () => {
    const broken: BudgetStore = {
      ...new InMemoryBudgetStore(),
      reserve: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379")),
      settle: () => Promise.reject(new Error("down")),
      release: () => Promise.reject(new Error("down")),
      snapshot: () => Promise.reject(new Error("down")),
      adjustTotal: () => Promise.reject(new Error("down")),
    };
    const budget = new BudgetTracker({ total: 1, store: broken });
    const error = await budget.reserve(10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMBudgetStoreError);
    expect((error as Error).message).toMatch(/fail closed.*ECONNREFUSED/);
  });
});

describe("BudgetTracker over a store without a synchronous view", () => {
  /** The in-memory store with `peek` hidden, as a Redis store would be, and calls counted. */
  function remoteLikeStore() {
    const inner = new InMemoryBudgetStore();
    const calls = { settle: 0, reserveLeases: [] as number[] };
    let failNextSettle = false;
    const store: BudgetStore = {
      reserve: (request) => {
        calls.reserveLeases.push(request.leaseMs);
        return inner.reserve(request);
      },
      settle: (id, nanos, budgetId) => {
        calls.settle++;
        if (failNextSettle) {
          failNextSettle = false;
          return Promise.reject(new Error("connection lost"));
        }
        return inner.settle(id, nanos, budgetId);
      },
      release: (id, budgetId) => inner.release(id, budgetId),
      snapshot: (node) => inner.snapshot(node),
      adjustTotal: (node, delta) => inner.adjustTotal(node, delta),
    };
    return { store, calls, failSettleOnce: () => (failNextSettle = true) };
  }

  it("keeps its getters current with this process's own reservations and charges", async () => {
    const { store } = remoteLikeStore();
    const parent = new BudgetTracker({ total: 1, store });
    const child = parent.child({ total: 0.5 });
    const reservation = await child.reserve(usdToNanos(0.3));
    expect([parent.reserved, child.reserved]).toEqual([0.3, 0.3]);
    await reservation.settle(usdToNanos(0.1));
    expect([parent.spent, child.spent, parent.reserved, child.remaining()]).toEqual([
      0.1, 0.1, 0, 0.4,
    ]);
  });

  it("lets a settle that failed on a store outage be retried, charging once", async () => {
    const { store, calls, failSettleOnce } = remoteLikeStore();
    const budget = new BudgetTracker({ total: 1, store });
    const reservation = await budget.reserve(usdToNanos(0.5));
    failSettleOnce();
    await expect(reservation.settle(usdToNanos(0.2))).rejects.toBeInstanceOf(LLMBudgetStoreError);
    expect(await reservation.settle(usdToNanos(0.2))).toMatchObject({ status: "settled" });
    expect(await reservation.settle(usdToNanos(0.2))).toMatchObject({ status: "settled" });
    expect(calls.settle).toBe(2);
    expect((await budget.snapshot()).spent).toBe(0.2);
  });

  it("asks for a lease that outlives a long call", async () => {
    const { store, calls } = remoteLikeStore();
    const budget = new BudgetTracker({ total: 1, store, leaseMs: 1_000 });
    await budget.reserve(1);
    await budget.reserve(1, { leaseMs: 90_000 });
    expect(calls.reserveLeases).toEqual([1_000, 90_000]);
  });

  it("does not fail a settled charge when a threshold callback throws", async () => {
    const budget = new BudgetTracker({
      total: 1,
      thresholds: [0.1],
      onThreshold: () => {
        throw new Error("callback bug");
      },
    });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on("warning", onWarning);
    const outcome = await (await budget.reserve(usdToNanos(0.5))).settle(usdToNanos(0.5));
    await new Promise((resolve) => setImmediate(resolve));
    process.off("warning", onWarning);
    expect(outcome.status).toBe("settled");
    expect(budget.spent).toBe(0.5);
    expect(warnings.join()).toMatch(/callback bug/);
  });
});
