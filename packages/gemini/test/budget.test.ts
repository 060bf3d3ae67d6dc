import {
  BudgetTracker,
  LLMBudgetExceededError,
  LLMConfigError,
  nanosToUsd,
  usdToNanos,
  worstCaseCost,
} from "@llmc/core";
import { describe, expect, it } from "vitest";
import { geminiPriceTable } from "../src/index.js";
import { rejectionOf, useGeminiSimulator } from "./support/gemini-harness.js";

const h = useGeminiSimulator();
const model = "gemini-2.5-flash";
const flash = geminiPriceTable.models[model]!;
/** core's input bound for the prompt "Hi": 16 per request + 2 bytes + 8 per message. */
const HI_INPUT_BOUND = 16 + 2 + 8;

describe("budget reservation on Gemini", () => {
  it("refuses before any request when maxOutputTokens + the model's thinking budget does not fit", async () => {
    const budget = new BudgetTracker({ total: 0.01, name: "agent-b" });
    const error = await rejectionOf(
      h.adapter.executePrompt("Hi", { model, maxOutputTokens: 100, budgetTracker: budget }),
    );
    expect(error).toBeInstanceOf(LLMBudgetExceededError);
    // thinkingBudget unset: gemini-2.5-flash may think up to 24,576 tokens on top of the 100.
    expect((error as LLMBudgetExceededError).requested).toBe(
      nanosToUsd(worstCaseCost(HI_INPUT_BOUND, 100 + 24_576, flash)),
    );
    expect(error).toMatchObject({ budgetName: "agent-b", limit: 0.01, spent: 0 });
    expect(h.sim.requestCount()).toBe(0);
    expect(budget.spent).toBe(0);
    expect(budget.reserved).toBe(0);
  });

  it("an explicit thinkingBudget replaces that allowance, so the same call fits", async () => {
    const budget = new BudgetTracker({ total: 0.01 });
    const held: number[] = [];
    h.sim.script("gemini", () => {
      held.push(budget.reserved);
      return { text: "ok", usage: { inputTokens: 2, outputTokens: 50, reasoningTokens: 40 } };
    });
    const result = await h.adapter.executePrompt("Hi", {
      model,
      maxOutputTokens: 100,
      thinkingBudget: 1000,
      budgetTracker: budget,
    });
    expect(held).toEqual([nanosToUsd(worstCaseCost(HI_INPUT_BOUND, 100 + 1000, flash))]);
    expect(result.usage).toEqual({
      inputTokens: 2,
      outputTokens: 50,
      reasoningTokens: 40,
      totalTokens: 52,
    });
    expect(result.costUsd).toBeCloseTo((2 * 0.3 + 50 * 2.5) / 1e6, 12);
    expect(budget.spent).toBe(result.costUsd);
    expect(budget.reserved).toBe(0);
  });

  it("thinkingBudget 0 reserves the answer alone; a non-thinking model (2.0) likewise", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const held: number[] = [];
    h.sim.setDefault("gemini", () => {
      held.push(budget.reserved);
      return { text: "ok" };
    });
    await h.adapter.executePrompt("Hi", {
      model,
      maxOutputTokens: 100,
      thinkingBudget: 0,
      budgetTracker: budget,
    });
    await h.adapter.executePrompt("Hi", {
      model: "gemini-2.0-flash",
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    expect(held).toEqual([
      nanosToUsd(worstCaseCost(HI_INPUT_BOUND, 100, flash)),
      nanosToUsd(worstCaseCost(HI_INPUT_BOUND, 100, geminiPriceTable.models["gemini-2.0-flash"]!)),
    ]);
  });

  it("a model without a known price fails closed before any request; `prices` fixes it", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(
      h.adapter.executePrompt("Hi", {
        model: "gemini-experimental-x",
        maxOutputTokens: 10,
        budgetTracker: budget,
      }),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(h.sim.requestCount()).toBe(0);

    const priced = h.adapterWith({
      prices: { "gemini-experimental-x": { inputPerMTok: 1, outputPerMTok: 4 } },
    });
    h.sim.script("gemini", { text: "priced", usage: { inputTokens: 1000, outputTokens: 500 } });
    const result = await priced.executePrompt("Hi", {
      model: "gemini-experimental-x",
      maxOutputTokens: 600,
      budgetTracker: budget,
    });
    expect(result.costUsd).toBeCloseTo((1000 * 1 + 500 * 4) / 1e6, 12);
    expect(budget.spent).toBe(result.costUsd);
  });

  it("64 concurrent calls on one tracker: spent is the exact sum, nothing stays reserved", async () => {
    const budget = new BudgetTracker({ total: 5 });
    h.sim.setDefault("gemini", { latencyMs: 5, usage: { inputTokens: 100, outputTokens: 80 } });
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, index) =>
        h.adapter.executePrompt(`question ${index}`, {
          model,
          maxOutputTokens: 100,
          thinkingBudget: 0,
          budgetTracker: budget,
        }),
      ),
    );
    const sumNanos = results.reduce((sum, result) => sum + usdToNanos(result.costUsd ?? 0), 0);
    expect(usdToNanos(budget.spent)).toBe(sumNanos);
    expect(budget.spent).toBeCloseTo(64 * ((100 * 0.3 + 80 * 2.5) / 1e6), 12);
    expect(budget.reserved).toBe(0);
    expect(h.sim.requestCount("gemini")).toBe(64);
  });

  it("a burst larger than the budget: refused calls send nothing and spend never passes total", async () => {
    const perCall = nanosToUsd(worstCaseCost(16 + "question 10".length + 8, 1000, flash));
    const budget = new BudgetTracker({ total: perCall * 5.5 });
    h.sim.setDefault("gemini", { latencyMs: 20, usage: { inputTokens: 3, outputTokens: 900 } });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        h.adapter.executePrompt(`question ${10 + index}`, {
          model,
          maxOutputTokens: 1000,
          thinkingBudget: 0,
          budgetTracker: budget,
        }),
      ),
    );
    const fulfilled = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const refused = outcomes.filter(
      (outcome) =>
        outcome.status === "rejected" && outcome.reason instanceof LLMBudgetExceededError,
    );
    expect(fulfilled.length + refused.length).toBe(20);
    expect(fulfilled.length).toBeGreaterThanOrEqual(5);
    expect(h.sim.requestCount("gemini")).toBe(fulfilled.length);
    expect(budget.spent).toBeLessThanOrEqual(budget.total);
    expect(budget.reserved).toBe(0);
  });
});
