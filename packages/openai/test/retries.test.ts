import { BudgetTracker, LLMRateLimitError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { rejectionOf, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

describe("retries (core's, never the SDK's)", () => {
  it("a 429 with retry-after-ms is retried and then succeeds; the budget is charged once", async () => {
    env.sim.script(
      "openai",
      { fault: "rate-limit", retryAfterMs: 10 },
      {
        text: "ok",
        usage: { inputTokens: 100, outputTokens: 10 },
      },
    );
    const budget = new BudgetTracker({ total: 1 });
    const result = await env.adapter().executePrompt("Hi", {
      model: "gpt-4o-mini",
      maxOutputTokens: 10,
      budgetTracker: budget,
    });
    expect(result.text).toBe("ok");
    expect(result.attempts).toBe(2);
    expect(env.sim.requestCount("openai")).toBe(2);
    // The refused attempt cost nothing; only the answer is charged.
    expect(budget.spent).toBe(result.costUsd);
    expect(result.costUsd).toBeCloseTo((100 * 0.15 + 10 * 0.6) / 1e6, 12);
    expect(budget.reserved).toBe(0);
    // Each attempt is a fresh SDK request with the SDK's retry counter at 0.
    expect(env.sim.requests.map((request) => request.headers["x-stainless-retry-count"])).toEqual([
      "0",
      "0",
    ]);
  });

  it("a retry-after longer than the policy allows is not waited for", async () => {
    env.sim.script("openai", { fault: "rate-limit", retryAfterSeconds: 3600 });
    const error = await rejectionOf(
      env.adapter().executePrompt("Hi", { model: "gpt-4o-mini", maxRetries: 3 }),
    );
    expect(error).toBeInstanceOf(LLMRateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 3_600_000 });
    expect(env.sim.requestCount("openai")).toBe(1);
  });
});
