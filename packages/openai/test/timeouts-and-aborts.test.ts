import { BudgetTracker, LLMTimeoutError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import {
  expectBilledReservation,
  rejectionOf,
  settleEvents,
  useSimulator,
} from "./simulator-fixture.js";

const env = useSimulator();

// Deadlines are seconds, not milliseconds: the first call of a file loads the SDK inside its
// deadline, and on a loaded machine a 150 ms one could expire before the request was sent. The
// simulator's hang and stall make every deadline here expire however long it is.
describe("deadlines and aborts on non-streamed calls", () => {
  it("the adapter-wide timeoutMs applies when the call sets none", async () => {
    env.sim.script("openai", { fault: "hang" });
    const error = await rejectionOf(
      env.adapter({ timeoutMs: 1_500 }).executePrompt("Hi", { model: "gpt-4o-mini" }),
    );
    expect(error).toMatchObject({ name: "LLMTimeoutError", timeoutMs: 1_500 });
  });

  it("headers sent, body never finished: the deadline fires and the answered call is charged", async () => {
    env.sim.script("openai", { fault: "stall-stream" });
    const budget = new BudgetTracker({ total: 1 });
    const settled = settleEvents(budget);
    const error = await rejectionOf(
      env.adapter().executePrompt("Hi", {
        model: "gpt-4o-mini",
        maxOutputTokens: 100,
        timeoutMs: 2_000,
        budgetTracker: budget,
      }),
    );
    expect(error).toBeInstanceOf(LLMTimeoutError);
    expect(budget.spent).toBeGreaterThan(0);
    expectBilledReservation(settled);
    expect(budget.reserved).toBe(0);
  });

  it("a non-streamed body cut half-way is a retryable connection error; the retry succeeds", async () => {
    env.sim.script("openai", { fault: "cut-stream" }, { text: "whole" });
    const budget = new BudgetTracker({ total: 1 });
    const result = await env.adapter().executePrompt("Hi", {
      model: "gpt-4o-mini",
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    expect(result.text).toBe("whole");
    expect(result.attempts).toBe(2);
    // The cut attempt had been answered (and billed by OpenAI): it is charged its reservation.
    expect(budget.spent).toBeGreaterThan(result.costUsd!);
    expect(budget.reserved).toBe(0);
  });
});
