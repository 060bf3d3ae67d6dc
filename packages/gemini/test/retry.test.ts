import { BudgetTracker, LLMRateLimitError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { rejectionOf, useGeminiSimulator } from "./support/gemini-harness.js";

const h = useGeminiSimulator();
const model = "gemini-2.5-flash";

describe("429 RESOURCE_EXHAUSTED with google.rpc.RetryInfo", () => {
  it("is retried by core after the body's retryDelay (scripted 0.05s), one SDK attempt each", async () => {
    h.sim.script("gemini", { fault: "rate-limit", retryAfterMs: 50 }, { text: "after the wait" });
    const budget = new BudgetTracker({ total: 1 });
    const result = await h.adapter.executePrompt("Hi", {
      model,
      maxOutputTokens: 50,
      budgetTracker: budget,
    });
    expect(result.text).toBe("after the wait");
    expect(result.attempts).toBe(2);
    expect(h.sim.requestCount("gemini")).toBe(2);
    // The failed attempt's reservation was released; only the success is charged.
    expect(budget.spent).toBe(result.costUsd);
    expect(budget.reserved).toBe(0);
  });

  it("the wait comes from RetryInfo: a policy that refuses waits over 10 ms does not retry 0.05s", async () => {
    h.sim.script("gemini", { fault: "rate-limit", retryAfterMs: 50 });
    const strict = h.adapterWith({ retryPolicy: { maxRetryAfterMs: 10 } });
    const error = await rejectionOf(strict.executePrompt("Hi", { model }));
    expect(error).toBeInstanceOf(LLMRateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 50, status: 429 });
    expect(h.sim.requestCount("gemini")).toBe(1);
  });

  it("a wait longer than 60 s reaches the caller with retryAfterMs instead of blocking", async () => {
    h.sim.script("gemini", { fault: "rate-limit", retryAfterSeconds: 90 });
    const error = await rejectionOf(h.adapter.executePrompt("Hi", { model }));
    expect(error).toMatchObject({ retryAfterMs: 90_000 });
    expect(h.sim.requestCount("gemini")).toBe(1);
  });

  it("gives up after maxRetries, with one request per attempt (the SDK never retries)", async () => {
    h.sim.script(
      "gemini",
      { fault: "rate-limit", retryAfterMs: 1 },
      { fault: "rate-limit", retryAfterMs: 1 },
      { fault: "rate-limit", retryAfterMs: 1 },
    );
    const error = await rejectionOf(h.adapter.executePrompt("Hi", { model, maxRetries: 2 }));
    expect(error).toBeInstanceOf(LLMRateLimitError);
    expect(h.sim.requestCount("gemini")).toBe(3);
  });
});
