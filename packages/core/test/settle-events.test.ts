import { afterEach, describe, expect, it } from "vitest";
import {
  type BudgetStore,
  type BudgetThresholdEvent,
  BudgetTracker,
  InMemoryBudgetStore,
  LLMProviderError,
  type SettleEvent,
  usdToNanos,
} from "../src/index.js";
import { reply, TestAdapter } from "./support/test-adapter.js";

const fast = { retryPolicy: { initialDelayMs: 1, maxDelayMs: 2 } };
const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);

afterEach(() => {
  process.off("warning", onWarning);
  warnings.length = 0;
});

describe('tracker.on("settle")', () => {
  it("fires once per attempt, on the leaf and every ancestor, with what the attempt was", async () => {
    const root = new BudgetTracker({ total: 1, name: "run" });
    const agent = root.child({ total: 0.5, name: "researcher", id: "researcher" });
    const atRoot: SettleEvent[] = [];
    const atAgent: SettleEvent[] = [];
    root.on("settle", (event) => atRoot.push(event));
    agent.on("settle", (event) => atAgent.push(event));
    let call = 0;
    const adapter = new TestAdapter(async () => {
      if (call++ === 0) throw new LLMProviderError("overloaded", { status: 503 });
      return { ...reply("ok", 100, 50), model: "test-model-2026-11-01" };
    }, fast);

    const before = Date.now();
    const result = await adapter.executePrompt("hi", {
      model: "test-model",
      maxOutputTokens: 100,
      budgetTracker: agent,
      metadata: { agent: "researcher", user: "u1" },
    });

    expect(atAgent).toEqual(atRoot);
    expect(atRoot).toHaveLength(2);
    const [released, success] = atRoot as [SettleEvent, SettleEvent];
    expect(released).toMatchObject({
      outcome: "released",
      attempt: 1,
      costNanos: 0,
      costUsd: 0,
      costSource: "none",
      storeStatus: "settled",
      provider: "test",
      model: "test-model",
    });
    expect(success).toMatchObject({
      outcome: "success",
      attempt: 2,
      provider: "test",
      model: "test-model-2026-11-01",
      usage: { inputTokens: 100, outputTokens: 50, totalTokens: 150 },
      // 100 × 1,000 + 50 × 2,000 nano-dollars
      costNanos: 200_000,
      costUsd: result.costUsd,
      costSource: "price-table",
      storeStatus: "settled",
      metadata: { agent: "researcher", user: "u1" },
      budgetId: agent.id,
      budgetPath: [
        { id: root.id, name: "run" },
        { id: agent.id, name: "researcher" },
      ],
    });
    expect(success.callId).toBe(released.callId);
    expect(success.reservationId).not.toBe(released.reservationId);
    expect(success.reservedNanos).toBeGreaterThanOrEqual(success.costNanos);
    expect(success.durationMs).toBeGreaterThanOrEqual(0);
    expect(success.at).toBeGreaterThanOrEqual(before);
  });

  it("says billed-without-usage when a stream is cut after output began, and charges the reservation", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const events: SettleEvent[] = [];
    budget.on("settle", (event) => events.push(event));
    const adapter = new TestAdapter(async () => reply("unused"), {
      stream: async function* () {
        yield { type: "text-delta", text: "partial" };
        throw new LLMProviderError("connection reset", { status: 502 });
      },
    });
    const stream = adapter.streamPrompt("hi", {
      model: "test-model",
      maxOutputTokens: 10,
      budgetTracker: budget,
    });
    await expect(stream.result).rejects.toBeInstanceOf(LLMProviderError);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      outcome: "billed-without-usage",
      costSource: "reservation",
      costNanos: events[0]!.reservedNanos,
    });
    expect(budget.spent).toBe(events[0]!.costUsd);
  });

  it("says failure when a failed attempt reported usage, and charges that usage", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const events: SettleEvent[] = [];
    budget.on("settle", (event) => events.push(event));
    const usage = { inputTokens: 10, outputTokens: 3, totalTokens: 13 };
    const adapter = new TestAdapter(async () => {
      throw new LLMProviderError("bad gateway mid-answer", { status: 400, usage });
    });
    await expect(
      adapter.executePrompt("hi", {
        model: "test-model",
        maxOutputTokens: 10,
        budgetTracker: budget,
      }),
    ).rejects.toBeInstanceOf(LLMProviderError);
    expect(events).toEqual([
      expect.objectContaining({
        outcome: "failure",
        costSource: "price-table",
        costNanos: 16_000,
        usage,
      }),
    ]);
  });

  it("says expired when the reservation's lease ran out before the settle", async () => {
    let now = 1_000_000;
    const store = new InMemoryBudgetStore({ enforceLeases: true, now: () => now });
    const budget = new BudgetTracker({ total: 1, store, leaseMs: 1_000 });
    const events: SettleEvent[] = [];
    budget.on("settle", (event) => events.push(event));
    const reservation = await budget.reserve(usdToNanos(0.1));
    now += 5_000;
    await reservation.settle(usdToNanos(0.05));
    expect(events).toEqual([
      expect.objectContaining({
        outcome: "expired",
        storeStatus: "expired",
        costNanos: 50_000_000,
      }),
    ]);
  });

  it("fires nothing for a repeated settle, and nothing without listeners", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const events: SettleEvent[] = [];
    const reservation = await budget.reserve(1_000);
    budget.on("settle", (event) => events.push(event));
    await reservation.settle(500);
    await reservation.settle(500);
    await reservation.release();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: "success", costSource: "unknown", costNanos: 500 });
    expect(events[0]!.callId).toBe(reservation.id);
  });

  it("a settle the store took only on a background retry fires once, with the attempt's context", async () => {
    const inner = new InMemoryBudgetStore();
    let failures = 1;
    const store: BudgetStore = {
      reserve: (request) => inner.reserve(request),
      settle: (id, nanos, budgetId) =>
        failures-- > 0
          ? Promise.reject(new Error("store down"))
          : inner.settle(id, nanos, budgetId),
      release: (id, budgetId) => inner.release(id, budgetId),
      snapshot: (node) => inner.snapshot(node),
      adjustTotal: (node, delta) => inner.adjustTotal(node, delta),
    };
    const budget = new BudgetTracker({ total: 1, store });
    const events: SettleEvent[] = [];
    budget.on("settle", (event) => events.push(event));
    const adapter = new TestAdapter(async () => reply("ok", 10, 5));
    const result = await adapter.executePrompt("hi", {
      model: "test-model",
      maxOutputTokens: 10,
      budgetTracker: budget,
      metadata: { agent: "a" },
    });
    expect(events).toHaveLength(0);
    expect(await budget.flush()).toMatchObject({ settled: 1, failed: [] });
    expect(events).toEqual([
      expect.objectContaining({
        outcome: "success",
        provider: "test",
        costNanos: 20_000,
        costUsd: result.costUsd,
        metadata: { agent: "a" },
      }),
    ]);
  });

  it("a listener that throws or rejects never breaks the call: it becomes a warning", async () => {
    process.on("warning", onWarning);
    const budget = new BudgetTracker({ total: 1 });
    const seen: SettleEvent[] = [];
    budget.on("settle", () => {
      throw new Error("listener bug");
    });
    budget.on("settle", async () => {
      throw new Error("async listener bug");
    });
    budget.on("settle", (event) => seen.push(event));
    const adapter = new TestAdapter(async () => reply("ok"));
    const result = await adapter.executePrompt("hi", {
      model: "test-model",
      maxOutputTokens: 10,
      budgetTracker: budget,
    });
    expect(result.text).toBe("ok");
    expect(seen).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve));
    const messages = warnings.map((warning) => warning.message);
    expect(messages).toContain('A budget "settle" listener threw: listener bug');
    expect(messages).toContain('A budget "settle" listener threw: async listener bug');
  });
});

describe('tracker.on("threshold")', () => {
  it("fires once per threshold, on the budget and its ancestors, with or without onThreshold", async () => {
    const root = new BudgetTracker({ total: 1 });
    const team = root.child({ total: 0.5, name: "team", thresholds: [0.5, 0.9] });
    const atRoot: BudgetThresholdEvent[] = [];
    const callbacks: BudgetThresholdEvent[] = [];
    root.on("threshold", (event) => atRoot.push(event));
    const withCallback = root.child({
      total: 1,
      thresholds: [0.1],
      onThreshold: (event) => callbacks.push(event),
    });
    for (let i = 0; i < 5; i++) await (await team.reserve(usdToNanos(0.1))).settle(usdToNanos(0.1));
    await (await withCallback.reserve(usdToNanos(0.2))).settle(usdToNanos(0.2));
    expect(atRoot.map((event) => [event.budgetName, event.threshold])).toEqual([
      ["team", 0.5],
      ["team", 0.9],
      [undefined, 0.1],
    ]);
    expect(callbacks).toEqual([atRoot[2]]);
  });
});
