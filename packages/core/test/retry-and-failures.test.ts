import { describe, expect, it } from "vitest";
import {
  BudgetTracker,
  LLMAuthenticationError,
  LLMConfigError,
  LLMProviderError,
  LLMRateLimitError,
} from "../src/index.js";
import { reply, TestAdapter } from "./support/test-adapter.js";

const fast = { retryPolicy: { initialDelayMs: 1, maxDelayMs: 2 } };

function failingThen(errors: Error[], options = fast) {
  let call = 0;
  return new TestAdapter(async () => {
    const error = errors[call++];
    if (error) throw error;
    return reply("ok", 100_000, 50_000);
  }, options);
}

describe("retry", () => {
  it("retries a 429 after the server's retry-after and charges only the attempt that succeeded", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const adapter = failingThen([new LLMRateLimitError("slow down", { retryAfterMs: 30 })]);
    const started = Date.now();
    const result = await adapter.executePrompt("hi", {
      model: "test-model",
      maxOutputTokens: 50_000,
      budgetTracker: budget,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(29);
    expect(result.attempts).toBe(2);
    expect(adapter.requests.map((r) => r.attempt)).toEqual([1, 2]);
    expect([budget.spent, budget.reserved]).toEqual([0.2, 0]);
  });

  it("retries a 503 up to maxRetries, then surfaces it and releases the budget", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const unavailable = () => new LLMProviderError("overloaded", { status: 503 });
    const adapter = failingThen([unavailable(), unavailable(), unavailable(), unavailable()]);
    const error = await adapter
      .executePrompt("hi", {
        model: "test-model",
        maxOutputTokens: 10,
        maxRetries: 2,
        budgetTracker: budget,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMProviderError);
    expect((error as LLMProviderError).status).toBe(503);
    expect(adapter.requests).toHaveLength(3);
    expect([budget.spent, budget.reserved]).toEqual([0, 0]);
  });

  it.each([
    ["400", new LLMConfigError("bad request")],
    ["401", new LLMAuthenticationError("bad key", { status: 401 })],
    ["402", new LLMProviderError("payment required", { status: 402 })],
  ])("does not retry a %s", async (_status, failure) => {
    const adapter = failingThen([failure]);
    await expect(adapter.executePrompt("hi", { model: "test-model" })).rejects.toBe(failure);
    expect(adapter.requests).toHaveLength(1);
  });

  it("does not retry when the server asks for a longer wait than the policy allows", async () => {
    const adapter = failingThen([
      new LLMRateLimitError("come back tomorrow", { retryAfterMs: 86_400_000 }),
    ]);
    const error = await adapter
      .executePrompt("hi", { model: "test-model" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ retryAfterMs: 86_400_000 });
    expect(adapter.requests).toHaveLength(1);
  });

  it("wraps a non-LLMError failure through the adapter's mapError, never leaking the raw SDK error", async () => {
    const adapter = new TestAdapter(async () => {
      throw Object.assign(new Error("boom with key sk-abcdefghijklmnop"), {
        headers: { authorization: "x" },
      });
    });
    const error = await adapter
      .executePrompt("hi", { model: "test-model" })
      .catch((e: unknown) => e);
    expect((error as Error).message).not.toContain("sk-abcdefghijklmnop");
    expect(JSON.stringify(error)).not.toContain("sk-abcdefghijklmnop");
    expect(((error as Error).cause as Record<string, unknown>).headers).toBeUndefined();
  });

  it("re-reserves for each attempt, so a retry that no longer fits is refused", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const adapter = failingThen([
      new LLMProviderError("mid-stream failure", {
        status: 500,
        usage: { inputTokens: 100_000, outputTokens: 400_000, totalTokens: 500_000 },
      }),
    ]);
    const error = await adapter
      .executePrompt("hi", { model: "test-model", maxOutputTokens: 400_000, budgetTracker: budget })
      .catch((e: unknown) => e);
    // The failed attempt reported usage worth $0.90; it is charged, and the retry's worst case
    // ($0.80) no longer fits the $0.10 left.
    expect(error).toMatchObject({ name: "LLMBudgetExceededError", requested: expect.any(Number) });
    expect(budget.spent).toBeCloseTo(0.9, 9);
    expect(budget.reserved).toBe(0);
    expect(adapter.requests).toHaveLength(1);
  });
});
