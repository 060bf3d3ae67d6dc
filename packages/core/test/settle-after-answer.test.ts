import { describe, expect, it } from "vitest";
import {
  type BudgetStore,
  BudgetTracker,
  InMemoryBudgetStore,
  LLMAuthenticationError,
  LLMBudgetStoreError,
  LLMProviderError,
  type SettleFailedEvent,
  type SettleOutcome,
  usdToNanos,
} from "../src/index.js";
import { reply, TestAdapter } from "./support/test-adapter.js";

/**
 * The in-memory store seen as a shared store is: no synchronous `peek`, so trackers keep a
 * local view. Faults are scripted: `failSettles` rejects that many settles (Infinity: all),
 * `failReserves` the reserves after the first `reservesBeforeFailing`; `lose()` forgets every
 * reservation, as a store whose memory was wiped (Redis `closeBudget({ force })`) would.
 */
function flakyStore(inner: BudgetStore = new InMemoryBudgetStore()) {
  const state = {
    inner,
    failSettles: 0,
    reservesBeforeFailing: Number.POSITIVE_INFINITY,
    settleCalls: 0,
    reserveCalls: 0,
    outcomes: [] as SettleOutcome["status"][],
  };
  const store: BudgetStore = {
    reserve: (request) => {
      if (++state.reserveCalls > state.reservesBeforeFailing) {
        return Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379"));
      }
      return state.inner.reserve(request);
    },
    settle: async (id, nanos, budgetId) => {
      state.settleCalls++;
      if (state.failSettles > 0) {
        state.failSettles--;
        throw new Error("Command timed out");
      }
      const outcome = await state.inner.settle(id, nanos, budgetId);
      state.outcomes.push(outcome.status);
      return outcome;
    },
    release: (id, budgetId) => store.settle(id, 0, budgetId),
    snapshot: (node) => state.inner.snapshot(node),
    adjustTotal: (node, delta) => state.inner.adjustTotal(node, delta),
  };
  return { store, state, lose: () => (state.inner = new InMemoryBudgetStore()) };
}

/** 10 input + 5 output tokens at $1/$2 per million: 20,000 nano-dollars. */
const COST_USD = 0.00002;

async function localMatchesStore(tracker: BudgetTracker) {
  const local = { spent: tracker.spent, reserved: tracker.reserved };
  const stored = await tracker.snapshot();
  expect(local).toEqual({ spent: stored.spent, reserved: stored.reserved });
  return stored;
}

describe("a store failure while settling an answered call", () => {
  it("never resends: one request, the result returned, charged exactly once after the retry", async () => {
    const { store, state } = flakyStore();
    const budget = new BudgetTracker({ total: 1, store });
    const adapter = new TestAdapter(async () => reply("ok"), {
      retryPolicy: { initialDelayMs: 0 },
    });
    state.failSettles = 1;
    const result = await adapter.executePrompt("hi", {
      model: "test-model",
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    expect(adapter.requests).toHaveLength(1);
    expect(result).toMatchObject({ text: "ok", costUsd: COST_USD, attempts: 1 });
    // The hold stays while the charge is pending, so the cap stays safe.
    expect(budget.pendingSettles).toHaveLength(1);
    expect(budget.pendingSettles[0]).toMatchObject({ chargeUsd: COST_USD, callAnswered: true });
    expect(budget.reserved).toBeGreaterThan(0);

    expect(await budget.flush()).toEqual({ settled: 1, failed: [] });
    expect(state.settleCalls).toBe(2);
    expect(budget.pendingSettles).toHaveLength(0);
    expect(await localMatchesStore(budget)).toMatchObject({ spent: COST_USD, reserved: 0 });
  });

  it("with maxRetries: 0 charges the answer (not $0) and never says no call was made", async () => {
    const { store, state } = flakyStore();
    const budget = new BudgetTracker({ total: 1, store });
    const adapter = new TestAdapter(async () => reply("ok"));
    state.failSettles = 1;
    const result = await adapter.executePrompt("hi", {
      model: "test-model",
      maxOutputTokens: 100,
      maxRetries: 0,
      budgetTracker: budget,
    });
    expect(result.costUsd).toBe(COST_USD);
    const pending = budget.pendingSettles[0]!;
    expect(pending.lastError).toBeInstanceOf(LLMBudgetStoreError);
    expect(pending.lastError).toMatchObject({ phase: "settle", callAnswered: true });
    expect(pending.lastError.message).not.toMatch(/no call was made/);
    expect(pending.lastError.message).toMatch(/answered call.*not sent again/);
    await budget.flush();
    expect((await budget.snapshot()).spent).toBe(COST_USD);
  });

  it("a settle that fails for good: event fired, hold kept until the lease ends, then the local view matches the store", async () => {
    const { store, state } = flakyStore(new InMemoryBudgetStore({ enforceLeases: true }));
    const root = new BudgetTracker({ total: 1, store, leaseMs: 600 });
    const team = root.child({ total: 0.5, name: "team" });
    const events: SettleFailedEvent[] = [];
    root.on("settle-failed", (event) => events.push(event));
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    team.on("settle-failed", () => {
      throw new Error("listener bug");
    });
    try {
      state.failSettles = Number.POSITIVE_INFINITY;
      const adapter = new TestAdapter(async () => reply("ok"));
      const result = await adapter.executePrompt("hi", {
        model: "test-model",
        maxOutputTokens: 100,
        budgetTracker: team,
      });
      expect(result.text).toBe("ok");
      const held = team.reserved;
      expect(held).toBeGreaterThan(0);
      expect([root.reserved, root.pendingSettles.length, team.pendingSettles.length]).toEqual([
        held,
        1,
        1,
      ]);
      const report = await root.flush();
      expect(report.settled).toBe(0);
      expect(report.failed).toHaveLength(1);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        budgetId: team.id,
        chargeUsd: COST_USD,
        heldUsd: held,
        callAnswered: true,
      });
      expect(events[0]!.attempts).toBeGreaterThan(1);
      expect(events[0]!.error).toBeInstanceOf(LLMBudgetStoreError);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => (w as { code?: string }).code)).toContain("LLMC_BUDGET_LISTENER");
      // The lease has ended: the store freed the hold (and never got the charge); so does the view.
      expect(await localMatchesStore(team)).toMatchObject({ reserved: 0, spent: 0 });
      expect(await localMatchesStore(root)).toMatchObject({ reserved: 0, spent: 0 });
    } finally {
      process.off("warning", onWarning);
    }
  }, 20_000);

  it("a failed release after a failed attempt keeps the provider's error and retries the release", async () => {
    const { store, state } = flakyStore();
    const budget = new BudgetTracker({ total: 1, store });
    const denied = new LLMAuthenticationError("bad key", { status: 401 });
    const adapter = new TestAdapter(async () => {
      throw denied;
    });
    state.failSettles = 1;
    const error = await adapter
      .executePrompt("hi", { model: "test-model", maxOutputTokens: 100, budgetTracker: budget })
      .catch((e: unknown) => e);
    expect(error).toBe(denied);
    expect(budget.pendingSettles[0]).toMatchObject({ chargeUsd: 0, callAnswered: false });
    expect(budget.pendingSettles[0]!.lastError.phase).toBe("release");
    await budget.flush();
    expect(await localMatchesStore(budget)).toMatchObject({ reserved: 0, spent: 0 });
  });

  it("a reserve that fails before a retry says earlier attempts were sent", async () => {
    const { store, state } = flakyStore();
    state.reservesBeforeFailing = 1;
    const budget = new BudgetTracker({ total: 1, store });
    const adapter = new TestAdapter(
      async () => {
        throw new LLMProviderError("overloaded", { status: 503 });
      },
      { retryPolicy: { initialDelayMs: 0, maxDelayMs: 0 } },
    );
    const error = await adapter
      .executePrompt("hi", { model: "test-model", maxOutputTokens: 100, budgetTracker: budget })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMBudgetStoreError);
    expect((error as LLMBudgetStoreError).phase).toBe("reserve");
    expect((error as Error).message).not.toMatch(/no call was made/);
    expect((error as Error).message).toMatch(/retry attempt 2.*1 earlier attempt\(s\) were sent/);
    expect(adapter.requests).toHaveLength(1);
  });

  it("a reserve that fails before any request says no call was made", async () => {
    const { store, state } = flakyStore();
    state.reservesBeforeFailing = 0;
    const budget = new BudgetTracker({ total: 1, store });
    const adapter = new TestAdapter(async () => reply("ok"));
    const error = await adapter
      .executePrompt("hi", { model: "test-model", maxOutputTokens: 100, budgetTracker: budget })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ phase: "reserve", callAnswered: false });
    expect((error as Error).message).toMatch(/no call was made/);
    expect(adapter.requests).toHaveLength(0);
  });
});

describe("the local view follows every settle outcome the store reports", () => {
  it("expired: a call that outlived its lease is charged, and its hold is gone, as in the store", async () => {
    let clock = 1_000_000;
    const { store, state } = flakyStore(
      new InMemoryBudgetStore({ enforceLeases: true, now: () => clock }),
    );
    const budget = new BudgetTracker({ total: 1, store, leaseMs: 1_000 });
    const adapter = new TestAdapter(async () => {
      clock += 5_000; // the call runs past every lease
      return reply("ok");
    });
    await adapter.executePrompt("hi", {
      model: "test-model",
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    expect(state.outcomes).toEqual(["expired"]);
    expect(await localMatchesStore(budget)).toEqual(
      expect.objectContaining({ spent: COST_USD, reserved: 0 }),
    );
    // A reservation settled by hand after its lease: charged, and the view agrees.
    const other = await budget.reserve(usdToNanos(0.1));
    clock += 2_000;
    expect(await other.settle(usdToNanos(0.05))).toEqual({
      status: "expired",
      chargedNanos: usdToNanos(0.05),
    });
    expect(await localMatchesStore(budget)).toMatchObject({ spent: COST_USD + 0.05, reserved: 0 });
  });

  it("unknown: a reservation the store no longer has is charged nothing and held nowhere", async () => {
    const { store, state, lose } = flakyStore();
    const budget = new BudgetTracker({ total: 1, store });
    const adapter = new TestAdapter(async () => {
      lose();
      return reply("ok");
    });
    await adapter.executePrompt("hi", {
      model: "test-model",
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    expect(state.outcomes).toEqual(["unknown"]);
    expect(await localMatchesStore(budget)).toMatchObject({ spent: 0, reserved: 0 });
  });
});
