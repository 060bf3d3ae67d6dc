import { describe, expect, it } from "vitest";
import { BudgetTracker, LLMConnectionError, LLMInvalidResponseError } from "../src/index.js";
import { reply, TestAdapter } from "./support/test-adapter.js";

/** The amounts (USD) `budget` reserves from now on, in order. */
function recordReservations(budget: BudgetTracker): number[] {
  const amounts: number[] = [];
  const reserve = budget.reserve.bind(budget);
  budget.reserve = async (...args) => {
    const reservation = await reserve(...args);
    amounts.push(reservation.amountUsd);
    return reservation;
  };
  return amounts;
}

const budgetedCall = (budget: BudgetTracker) => ({
  model: "test-model",
  maxOutputTokens: 1_000,
  maxRetries: 0,
  budgetTracker: budget,
});

describe("request.markBilled()", () => {
  it("a failure after the provider accepted the attempt, with no usage, is charged the reservation", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const reserved = recordReservations(budget);
    const adapter = new TestAdapter(async (request) => {
      request.markBilled();
      throw new LLMInvalidResponseError("the body was cut off");
    });
    await expect(adapter.executePrompt("hi", budgetedCall(budget))).rejects.toBeInstanceOf(
      LLMInvalidResponseError,
    );
    expect(reserved).toHaveLength(1);
    expect([budget.spent, budget.reserved]).toEqual([reserved[0], 0]);
  });

  it("the same failure, not marked billed, is released (charged nothing)", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const adapter = new TestAdapter(async () => {
      throw new LLMInvalidResponseError("the body was cut off");
    });
    await expect(adapter.executePrompt("hi", budgetedCall(budget))).rejects.toBeInstanceOf(
      LLMInvalidResponseError,
    );
    expect([budget.spent, budget.reserved]).toEqual([0, 0]);
  });

  it("usage on the error wins over the reservation", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const adapter = new TestAdapter(async (request) => {
      request.markBilled();
      throw new LLMInvalidResponseError("error chunk mid-stream", {
        usage: { inputTokens: 100, outputTokens: 50, totalTokens: 150 },
      });
    });
    await expect(adapter.executePrompt("hi", budgetedCall(budget))).rejects.toThrow();
    // 100 × $1/M + 50 × $2/M.
    expect([budget.spent, budget.reserved]).toEqual([0.0002, 0]);
  });

  it("only the attempt that was marked is charged; a retry starts unmarked", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const reserved = recordReservations(budget);
    let attempt = 0;
    const adapter = new TestAdapter(
      async (request) => {
        attempt++;
        if (attempt === 1) {
          request.markBilled();
          throw new LLMConnectionError("reset after the 200");
        }
        if (attempt === 2) throw new LLMConnectionError("refused");
        return reply("ok", 10, 5);
      },
      { retryPolicy: { initialDelayMs: 1, maxDelayMs: 2 } },
    );
    const result = await adapter.executePrompt("hi", { ...budgetedCall(budget), maxRetries: 2 });
    expect(result.attempts).toBe(3);
    expect(reserved).toHaveLength(3);
    // Attempt 1: its reservation; attempt 2: nothing; attempt 3: its usage (10 × 1,000 + 5 × 2,000 nanos).
    expect(budget.spent).toBe((Math.round(reserved[0]! * 1e9) + 20_000) / 1e9);
    expect(budget.reserved).toBe(0);
  });

  it("a success without usage or bill is charged the reservation, marked or not", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const reserved = recordReservations(budget);
    const adapter = new TestAdapter(async (request) => {
      request.markBilled();
      return { text: "ok", finishReason: { kind: "stop", raw: "stop" }, usage: undefined };
    });
    const result = await adapter.executePrompt("hi", budgetedCall(budget));
    expect(result).toMatchObject({ costUsd: reserved[0], costSource: "reservation" });
  });

  it("is harmless without a budget", async () => {
    const adapter = new TestAdapter(async (request) => {
      request.markBilled();
      request.markBilled();
      return reply("ok");
    });
    const result = await adapter.executePrompt("hi", { model: "test-model" });
    expect(result.text).toBe("ok");
  });
});
