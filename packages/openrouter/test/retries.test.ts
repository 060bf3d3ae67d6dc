import { BudgetTracker } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { rejectionOf, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

describe("retries", () => {
  it("a 429 with retry-after-ms is retried and then succeeds; the budget is charged once", async () => {
    env.sim.script("openrouter", { fault: "rate-limit", retryAfterMs: 10 }, { costUsd: 0.0003 });
    const budget = new BudgetTracker({ total: 1 });
    const result = await env.adapter().executePrompt("Hi", {
      model: "openai/gpt-4o-mini",
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    expect(result.attempts).toBe(2);
    expect(env.sim.requestCount("openrouter")).toBe(2);
    expect(budget.spent).toBe(0.0003);
    expect(budget.reserved).toBe(0);
  });

  it("a mid-stream error is never retried, even before any text", async () => {
    env.sim.script("openrouter", { fault: "midstream-error", afterChunks: 0 });
    await rejectionOf(
      env.adapter().streamPrompt("Hi", { model: "openai/gpt-4o-mini", maxRetries: 3 }).result,
    );
    expect(env.sim.requestCount("openrouter")).toBe(1);
  });
});
