import { BudgetTracker, LLMBudgetExceededError, LLMConfigError, LLMError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { rejectionOf, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

describe("budgets", () => {
  it("a call whose worst case does not fit is refused before any request", async () => {
    const budget = new BudgetTracker({ total: 0.001 });
    const error = await rejectionOf(
      env
        .adapter()
        .executePrompt("Hi", { model: "gpt-5", maxOutputTokens: 10_000, budgetTracker: budget }),
    );
    expect(error).toBeInstanceOf(LLMBudgetExceededError);
    // 10,000 output tokens at $10/M = $0.10 (plus the input bound), against $0.001.
    expect((error as LLMBudgetExceededError).requested).toBeGreaterThan(0.1);
    expect(error).toMatchObject({ limit: 0.001, spent: 0, reserved: 0 });
    expect(env.sim.requestCount()).toBe(0);
    expect(budget.spent).toBe(0);
    expect(budget.reserved).toBe(0);
  });

  it("a model with no known price fails closed when a budget is attached", async () => {
    const error = await rejectionOf(
      env.adapter().executePrompt("Hi", {
        model: "ft:gpt-4o-mini:acme:v1",
        maxOutputTokens: 10,
        budgetTracker: new BudgetTracker({ total: 1 }),
      }),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as Error).message).toContain(
      'No price is known for openai model "ft:gpt-4o-mini:acme:v1"',
    );
    expect(env.sim.requestCount()).toBe(0);
  });

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

  it("a failed call releases its reservation and charges nothing", async () => {
    env.sim.script("openai", { fault: "context-length" });
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(
      env
        .adapter()
        .executePrompt("Hi", { model: "gpt-4o-mini", maxOutputTokens: 10, budgetTracker: budget }),
    );
    expect(LLMError.isInstance(error)).toBe(true);
    expect(budget.spent).toBe(0);
    expect(budget.reserved).toBe(0);
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
