import { BudgetTracker, LLMAbortError, LLMTimeoutError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { rejectionOf, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

// Deadlines are seconds, not milliseconds: the first call of a file loads the SDK inside its
// deadline, and on a loaded machine a 150 ms one could expire before the request was sent. The
// simulator's hang and stall make every deadline here expire however long it is.
describe("deadlines and aborts on non-streamed calls", () => {
  it("a server that never answers hits timeoutMs: LLMTimeoutError, budget released", async () => {
    env.sim.script("openai", { fault: "hang" });
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(
      env.adapter().executePrompt("Hi", {
        model: "gpt-4o-mini",
        maxOutputTokens: 100,
        timeoutMs: 2_000,
        budgetTracker: budget,
      }),
    );
    expect(error).toBeInstanceOf(LLMTimeoutError);
    expect(error).toMatchObject({ provider: "openai", timeoutMs: 2_000, retryable: false });
    expect(env.sim.requestCount("openai")).toBe(1);
    // Nothing was answered, so nothing is charged.
    expect(budget.spent).toBe(0);
    expect(budget.reserved).toBe(0);
  });

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
    expect(budget.spent).toBe((error as LLMTimeoutError).reportedCostUsd);
    expect(budget.reserved).toBe(0);
  });

  it("the caller's abort during the request → LLMAbortError", async () => {
    env.sim.script("openai", { fault: "hang" });
    const controller = new AbortController();
    const call = env
      .adapter()
      .executePrompt("Hi", { model: "gpt-4o-mini", signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await rejectionOf(call);
    expect(error).toBeInstanceOf(LLMAbortError);
    expect(error).toMatchObject({ provider: "openai", retryable: false });
  });

  it("an already aborted signal sends nothing", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(
      env.adapter().executePrompt("Hi", { model: "gpt-4o-mini", signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(LLMAbortError);
    expect(env.sim.requestCount()).toBe(0);
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
