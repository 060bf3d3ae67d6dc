import { describe, expect, it } from "vitest";
import { BudgetTracker, LLMBudgetExceededError, LLMConfigError, usdToNanos } from "../src/index.js";
import { reply, TestAdapter } from "./support/test-adapter.js";

/** Number.MAX_SAFE_INTEGER nano-dollars: the most the integer unit holds exactly. */
const MAX_USD = Number.MAX_SAFE_INTEGER / 1e9;

function configErrorOf(action: () => unknown): LLMConfigError {
  let error: unknown;
  try {
    action();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(LLMConfigError);
  return error as LLMConfigError;
}

describe("amounts at the limits of the nano-dollar unit", () => {
  it.each([1e300, MAX_USD * 2, Number.POSITIVE_INFINITY])(
    "refuses a total of %s, naming the field",
    (total) => {
      expect(configErrorOf(() => new BudgetTracker({ total })).field).toBe("total");
    },
  );

  it("accepts a total up to the exact range", () => {
    expect(new BudgetTracker({ total: 9_000_000 }).total).toBe(9_000_000);
  });

  it.each([1e300, -1e300, Number.NaN, Number.POSITIVE_INFINITY])(
    "refuses topUp(%s) with a config error naming the field, not a retryable store error",
    async (usd) => {
      const budget = new BudgetTracker({ total: 1 });
      const error = await budget.topUp(usd).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LLMConfigError);
      expect((error as LLMConfigError).field).toBe("usd");
      expect((error as LLMConfigError).retryable).toBe(false);
      expect(budget.total).toBe(1);
    },
  );

  it("refuses a top-up that would carry the total past the exact range", async () => {
    const budget = new BudgetTracker({ total: 9_000_000 });
    const error = await budget.topUp(8_000_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(budget.total).toBe(9_000_000);
  });

  it("the cap never fails open after extreme top-ups", async () => {
    const budget = new BudgetTracker({ total: 0.001 });
    await budget.topUp(1e300).catch(() => undefined);
    await budget.topUp(-1e300).catch(() => undefined);
    expect(budget.total).toBe(0.001);
    const adapter = new TestAdapter(async () => reply("ok", 10, 37_000));
    const error = await adapter
      .executePrompt("hi", { model: "test-model", maxOutputTokens: 37_500, budgetTracker: budget })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMBudgetExceededError);
    expect(budget.spent).toBe(0);
  });

  it("refuses a reservation beyond the exact range, naming the field", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const error = await budget.reserve(Number.MAX_SAFE_INTEGER + 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as LLMConfigError).field).toBe("amountNanos");
  });

  it("refuses a call whose worst case is beyond what a budget can hold, before sending", async () => {
    const adapter = new TestAdapter(async () => reply("ok"), {
      prices: { huge: { inputPerMTok: 1, outputPerMTok: 1e12 } },
    });
    const error = await adapter
      .executePrompt("hi", {
        model: "huge",
        maxOutputTokens: 1_000_000,
        budgetTracker: new BudgetTracker({ total: 1 }),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as LLMConfigError).field).toBe("maxOutputTokens");
    expect(adapter.requests).toHaveLength(0);
  });

  it("charges a provider bill beyond the exact range as the reservation, never as NaN", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const adapter = new TestAdapter(async () => ({
      ...reply("ok"),
      usage: undefined,
      costUsd: 1e300,
    }));
    const result = await adapter.executePrompt("hi", {
      model: "test-model",
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    expect(result.costSource).toBe("reservation");
    expect(Number.isFinite(budget.spent)).toBe(true);
    expect(usdToNanos(budget.spent)).toBe(usdToNanos(result.costUsd ?? Number.NaN));
  });
});
