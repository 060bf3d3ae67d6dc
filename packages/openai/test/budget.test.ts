import { BudgetTracker, LLMBudgetExceededError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

describe("budgets", () => {
  it("the prices option prices such a model", async () => {
    env.sim.script("openai", { usage: { inputTokens: 1000, outputTokens: 1000 } });
    const adapter = env.adapter({
      prices: { "ft:gpt-4o-mini:acme:v1": { inputPerMTok: 0.3, outputPerMTok: 1.2 } },
    });
    const budget = new BudgetTracker({ total: 1 });
    const result = await adapter.executePrompt("Hi", {
      model: "ft:gpt-4o-mini:acme:v1",
      maxOutputTokens: 1000,
      budgetTracker: budget,
    });
    expect(result.costUsd).toBeCloseTo(0.0015, 12);
    expect(budget.spent).toBe(result.costUsd);
  });

  it("a budgeted call without maxOutputTokens sends the model's ceiling from the table", async () => {
    const budget = new BudgetTracker({ total: 10 });
    await env.adapter().executePrompt("Hi", { model: "gpt-4o-mini", budgetTracker: budget });
    expect(env.sim.requests[0]?.body).toMatchObject({ max_completion_tokens: 16_384 });
  });

  it("200 concurrent calls on one tracker never spend past it; refusals are budget errors", async () => {
    // A 4000-byte prompt is 1000 tokens to the simulator (bytes / 4); the reservation counts
    // one token per byte. Each answer costs 1000 × $0.15/M + 200 × $0.60/M = $0.00027.
    const prompt = "x".repeat(4000);
    env.sim.setDefault("openai", { usage: { outputTokens: 200 }, latencyMs: 5 });
    const budget = new BudgetTracker({ total: 0.01 });
    const adapter = env.adapter();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, () =>
        adapter.executePrompt(prompt, {
          model: "gpt-4o-mini",
          maxOutputTokens: 200,
          budgetTracker: budget,
        }),
      ),
    );
    const fulfilled = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const rejected = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(fulfilled.length).toBeGreaterThan(0);
    expect(rejected.length).toBeGreaterThan(0);
    for (const outcome of rejected) {
      expect(outcome.reason).toBeInstanceOf(LLMBudgetExceededError);
    }
    expect(budget.spent).toBeLessThanOrEqual(budget.total);
    expect(budget.reserved).toBe(0);
    // Refused calls sent nothing; every sent call was charged exactly once.
    expect(env.sim.requestCount("openai")).toBe(fulfilled.length);
    expect(budget.spent).toBeCloseTo(fulfilled.length * 0.00027, 9);
  });

  it("a child budget charges its parent too", async () => {
    env.sim.script("openai", { usage: { inputTokens: 1000, outputTokens: 1000 } });
    const parent = new BudgetTracker({ total: 1 });
    const child = parent.child({ total: 0.1 });
    const result = await env
      .adapter()
      .executePrompt("Hi", { model: "gpt-4o-mini", maxOutputTokens: 1000, budgetTracker: child });
    expect(child.spent).toBe(result.costUsd);
    expect(parent.spent).toBe(result.costUsd);
  });
});
