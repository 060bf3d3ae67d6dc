import { LLMBudgetExceededError } from "@llmc/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChainOutcome, runDelegationChain } from "../src/delegation-chain.js";
import { createDemoProviders, type DemoProviders } from "../src/providers.js";

describe("the quick-start demo, offline", () => {
  let providers: DemoProviders;
  let outcome: ChainOutcome;
  let requestsBeforeRefusal = 0;

  beforeAll(async () => {
    // No keys: every provider runs against the local simulator.
    providers = await createDemoProviders({});
    outcome = await runDelegationChain(providers, {
      onStep: (step) => {
        if (!step.refused) requestsBeforeRefusal = providers.simulator!.requestCount();
      },
    });
  });
  afterAll(() => providers.close());

  it("runs A → B (three at once) → C through three real adapters over HTTP", () => {
    expect(outcome.steps.map((s) => s.agent)).toEqual(["A", "B", "B", "B", "C", "C"]);
    expect(outcome.steps.slice(0, 5).map((s) => s.result!.provider)).toEqual([
      "openai",
      "gemini",
      "gemini",
      "gemini",
      "openrouter",
    ]);
    expect(providers.simulator!.requestCount("openai")).toBe(1);
    expect(providers.simulator!.requestCount("gemini")).toBe(3);
    expect(providers.simulator!.requestCount("openrouter")).toBe(1);
  });

  it("ends with C's oversized call refused by C's own cap before any request", () => {
    const last = outcome.steps.at(-1)!;
    expect(last.refused).toBeInstanceOf(LLMBudgetExceededError);
    expect(last.refused!.budgetName).toBe("C · writer");
    expect(providers.simulator!.requestCount()).toBe(requestsBeforeRefusal);
  });

  it("charges every cost to the whole chain and leaves nothing reserved", () => {
    const { a, b, c } = outcome.budgets;
    const cost = (agents: string[]) =>
      outcome.steps
        .filter((s) => agents.includes(s.agent) && s.result)
        .reduce((sum, s) => sum + s.result!.costUsd!, 0);
    expect(c.spent).toBeCloseTo(cost(["C"]), 9);
    expect(b.spent).toBeCloseTo(cost(["B", "C"]), 9);
    expect(a.spent).toBeCloseTo(cost(["A", "B", "C"]), 9);
    for (const budget of [a, b, c]) {
      expect(budget.reserved).toBe(0);
      expect(budget.spent).toBeLessThanOrEqual(budget.total);
      expect(budget.spent).toBeGreaterThan(0);
    }
  });
});
