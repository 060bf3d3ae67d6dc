import { BudgetTracker, LLMBudgetExceededError, LLMConfigError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { rejectionOf, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

describe("budgets", () => {
  it("the reservation covers the dearest of the fallback models", async () => {
    // Enough for gpt-4o-mini's worst case, not for claude-sonnet-4.5's.
    const budget = new BudgetTracker({ total: 0.005 });
    const adapter = env.adapter();
    await adapter.executePrompt("Hi", {
      model: "openai/gpt-4o-mini",
      maxOutputTokens: 1000,
      budgetTracker: budget,
    });
    expect(env.sim.requestCount()).toBe(1);
    const error = await rejectionOf(
      adapter.executePrompt("Hi", {
        model: "openai/gpt-4o-mini",
        models: ["anthropic/claude-sonnet-4.5"],
        maxOutputTokens: 1000,
        budgetTracker: budget,
      }),
    );
    expect(error).toBeInstanceOf(LLMBudgetExceededError);
    expect((error as LLMBudgetExceededError).requested).toBeGreaterThan(0.015);
    expect(env.sim.requestCount()).toBe(1);
  });

  it("a fallback model without a known price fails closed", async () => {
    const error = await rejectionOf(
      env.adapter().executePrompt("Hi", {
        model: "openai/gpt-4o-mini",
        models: ["some-lab/unlisted-model"],
        maxOutputTokens: 100,
        budgetTracker: new BudgetTracker({ total: 1 }),
      }),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as Error).message).toContain('"some-lab/unlisted-model"');
    expect(env.sim.requestCount()).toBe(0);
  });

  it("an unlisted model runs with a budget once priced via `prices`, charged OpenRouter's cost", async () => {
    env.sim.script("openrouter", { costUsd: 0.0002 });
    const adapter = env.adapter({
      prices: { "meta-llama/llama-3.3-70b-instruct": { inputPerMTok: 0.2, outputPerMTok: 0.6 } },
    });
    const budget = new BudgetTracker({ total: 1 });
    const result = await adapter.executePrompt("Hi", {
      model: "meta-llama/llama-3.3-70b-instruct",
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    expect(result.costUsd).toBe(0.0002);
    expect(budget.spent).toBe(0.0002);
  });

  it("a budgeted call without maxOutputTokens sends the model's ceiling as max_tokens", async () => {
    await env.adapter().executePrompt("Hi", {
      model: "google/gemini-2.5-flash",
      budgetTracker: new BudgetTracker({ total: 10 }),
    });
    expect(env.sim.requests[0]?.body).toMatchObject({ max_tokens: 65_535 });
  });

  it("200 concurrent calls on one tracker never spend past it", async () => {
    // Each answer: OpenRouter bills $0.0002, below each call's reservation.
    env.sim.setDefault("openrouter", { costUsd: 0.0002, latencyMs: 5 });
    const budget = new BudgetTracker({ total: 0.01 });
    const adapter = env.adapter();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, () =>
        adapter.executePrompt("x".repeat(400), {
          model: "openai/gpt-4o-mini",
          maxOutputTokens: 500,
          budgetTracker: budget,
        }),
      ),
    );
    const fulfilled = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const rejected = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(fulfilled.length).toBeGreaterThan(0);
    expect(rejected.length).toBeGreaterThan(0);
    for (const outcome of rejected) expect(outcome.reason).toBeInstanceOf(LLMBudgetExceededError);
    expect(budget.spent).toBeLessThanOrEqual(budget.total);
    expect(budget.reserved).toBe(0);
    expect(env.sim.requestCount("openrouter")).toBe(fulfilled.length);
    expect(budget.spent).toBeCloseTo(fulfilled.length * 0.0002, 9);
  });
});
