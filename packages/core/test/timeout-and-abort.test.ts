import { describe, expect, it } from "vitest";
import { BudgetTracker, LLMAbortError, LLMProviderError, LLMTimeoutError } from "../src/index.js";
import { delay, reply, TestAdapter } from "./support/test-adapter.js";

function slowAdapter(ms: number, options = {}) {
  return new TestAdapter(async (request) => {
    await delay(ms, request.signal);
    return reply("late", 100_000, 50_000);
  }, options);
}

/** Polls until `condition` holds (instead of sleeping a guessed time that a loaded machine overruns). */
async function until(condition: () => boolean, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe("timeout", () => {
  it("turns the deadline into LLMTimeoutError, aborts the provider call and releases the budget", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const adapter = slowAdapter(10_000);
    const error = await adapter
      .executePrompt("hi", {
        model: "test-model",
        maxOutputTokens: 100,
        timeoutMs: 20,
        budgetTracker: budget,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 20, provider: "test", retryable: false });
    expect(adapter.requests[0]!.signal.aborted).toBe(true);
    expect([budget.spent, budget.reserved]).toEqual([0, 0]);
  });

  it("applies the adapter's default timeout when the call sets none", async () => {
    const adapter = slowAdapter(10_000, { timeoutMs: 15 });
    await expect(adapter.executePrompt("hi", { model: "test-model" })).rejects.toBeInstanceOf(
      LLMTimeoutError,
    );
  });

  it("counts back-off between retries against the same deadline", async () => {
    const adapter = new TestAdapter(
      async () => {
        throw new LLMProviderError("unavailable", { status: 503 });
      },
      { retryPolicy: { initialDelayMs: 10_000, maxDelayMs: 10_000 } },
    );
    const error = await adapter
      .executePrompt("hi", { model: "test-model", timeoutMs: 30 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMTimeoutError);
    expect(adapter.requests).toHaveLength(1);
  });
});

describe("abort", () => {
  it("turns the caller's signal into LLMAbortError and releases the budget", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const controller = new AbortController();
    const adapter = slowAdapter(10_000);
    const pending = adapter.executePrompt("hi", {
      model: "test-model",
      maxOutputTokens: 100,
      signal: controller.signal,
      budgetTracker: budget,
    });
    // Abort once the call is at the provider (not after a guessed 5 ms: on a loaded machine it
    // may not have reserved yet).
    await until(() => adapter.requests.length === 1);
    expect(budget.reserved).toBeGreaterThan(0);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(LLMAbortError);
    expect([budget.spent, budget.reserved]).toEqual([0, 0]);
  });

  it("refuses an already-aborted signal without calling the provider or reserving", async () => {
    const adapter = slowAdapter(1);
    const budget = new BudgetTracker({ total: 1 });
    const error = await adapter
      .executePrompt("hi", {
        model: "test-model",
        maxOutputTokens: 1,
        signal: AbortSignal.abort(),
        budgetTracker: budget,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMAbortError);
    expect(adapter.requests).toHaveLength(0);
  });

  it("lets a queued call leave the concurrency queue on abort, holding no reservation while it waits", async () => {
    const budget = new BudgetTracker({ total: 1 });
    // The first call runs long enough that the queued one is surely still waiting when aborted.
    const adapter = slowAdapter(1_000, { maxConcurrency: 1 });
    const config = { model: "test-model", maxOutputTokens: 100, budgetTracker: budget };
    const first = adapter.executePrompt("first", config);
    const controller = new AbortController();
    const queued = adapter.executePrompt("queued", { ...config, signal: controller.signal });
    await until(() => adapter.requests.length === 1);
    // Only the running call holds a reservation.
    const oneReservation = budget.reserved;
    expect(oneReservation).toBeGreaterThan(0);
    controller.abort();
    await expect(queued).rejects.toBeInstanceOf(LLMAbortError);
    await first;
    expect(adapter.requests.map((r) => r.messages[0]!.content)).toEqual(["first"]);
    expect(budget.reserved).toBe(0);
  });
});

describe("an answer that races the deadline", () => {
  it("is kept and charged when the provider answered just as the deadline fired", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const adapter = new TestAdapter(async (request) => {
      // Let the deadline fire while the "response" is being read, then answer anyway.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(request.signal.aborted).toBe(true);
      return reply("made it", 100_000, 50_000);
    });
    const result = await adapter.executePrompt("hi", {
      model: "test-model",
      maxOutputTokens: 50_000,
      timeoutMs: 5,
      budgetTracker: budget,
    });
    expect(result.text).toBe("made it");
    expect([budget.spent, budget.reserved]).toEqual([0.2, 0]);
  });
});
