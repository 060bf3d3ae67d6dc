import { BudgetTracker, LLMInvalidResponseError, LLMProviderError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import {
  expectBilledReservation,
  rawStream,
  rejectionOf,
  settleEvents,
  useSimulator,
} from "./simulator-fixture.js";

const env = useSimulator();

const budgeted = (budget: BudgetTracker) =>
  ({ model: "test-model", maxOutputTokens: 100, budgetTracker: budget }) as const;

const delta = (text: string) => ({
  id: "c1",
  choices: [{ index: 0, delta: { content: text }, finish_reason: null }],
});
const finish = (reason: string) => ({
  id: "c1",
  choices: [{ index: 0, delta: {}, finish_reason: reason }],
});

describe("the end of a Chat Completions stream", () => {
  it("usage in the chunk after the finish reason is what the call is charged", async () => {
    env.sim.script(
      "openai",
      rawStream([
        delta("Hel"),
        delta("lo"),
        finish("stop"),
        { id: "c1", choices: [], usage: { prompt_tokens: 1000, completion_tokens: 100 } },
      ]),
    );
    const budget = new BudgetTracker({ total: 1 });
    const result = await env.adapter().streamPrompt("Hi", budgeted(budget)).result;
    expect(result.text).toBe("Hello");
    expect(result.usage).toEqual({ inputTokens: 1000, outputTokens: 100, totalTokens: 1100 });
    expect(result.costSource).toBe("price-table");
    expect(budget.spent).toBeCloseTo((1000 * 1 + 100 * 2) / 1e6, 12);
  });

  it("a finish without any usage is charged the whole reservation", async () => {
    env.sim.script("openai", rawStream([delta("Hi"), finish("stop")]));
    const budget = new BudgetTracker({ total: 1 });
    const result = await env.adapter().streamPrompt("Hi", budgeted(budget)).result;
    expect(result.costSource).toBe("reservation");
    expect(budget.spent).toBe(result.costUsd);
    expect(budget.reserved).toBe(0);
  });

  it("a body that ends cleanly without a finish reason → LLMInvalidResponseError, not retried, charged the reservation", async () => {
    env.sim.script("openai", rawStream([delta("Hi")], false), { text: "never sent" });
    const budget = new BudgetTracker({ total: 1 });
    const settled = settleEvents(budget);
    const error = await rejectionOf(env.adapter().streamPrompt("Hi", budgeted(budget)).result);
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect(error).toMatchObject({ provider: "acme", retryable: false });
    expect((error as Error).message).toBe("The acme stream ended before its finish reason");
    expect(env.sim.requestCount("openai")).toBe(1);
    expectBilledReservation(settled);
    expect(budget.spent).toBeGreaterThan(0);
    expect(budget.reserved).toBe(0);
  });

  it("[DONE] before any finish reason is the same fault, even before output", async () => {
    env.sim.script("openai", rawStream([]), { text: "never sent" });
    const error = await rejectionOf(
      env.adapter().streamPrompt("Hi", { model: "test-model", maxRetries: 2 }).result,
    );
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect(env.sim.requestCount("openai")).toBe(1);
  });

  it("an error chunk mid-stream is typed and charged the usage sent beside it", async () => {
    env.sim.script(
      "openai",
      rawStream([
        delta("Hi"),
        {
          error: { message: "The server had an error", type: "server_error", code: null },
          usage: { prompt_tokens: 10, completion_tokens: 5 },
        },
      ]),
    );
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(env.adapter().streamPrompt("Hi", budgeted(budget)).result);
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({
      status: undefined,
      retryable: false,
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
    });
    expect((error as Error).message).toBe(
      "acme reported an error mid-response (server_error): The server had an error",
    );
    expect(budget.spent).toBeCloseTo((10 * 1 + 5 * 2) / 1e6, 12);
    expect(budget.reserved).toBe(0);
  });

  it("an error chunk with no usage is charged the reservation", async () => {
    env.sim.script("openai", rawStream([{ error: { message: "overloaded" } }]));
    const budget = new BudgetTracker({ total: 1 });
    const settled = settleEvents(budget);
    const error = await rejectionOf(env.adapter().streamPrompt("Hi", budgeted(budget)).result);
    expect(error).toBeInstanceOf(LLMProviderError);
    expectBilledReservation(settled);
    expect(budget.spent).toBeGreaterThan(0);
    expect(env.sim.requestCount("openai")).toBe(1);
  });

  it("a chunk that is not JSON, or of the wrong shape → LLMInvalidResponseError quoting it", async () => {
    env.sim.script(
      "openai",
      {
        fault: "raw",
        status: 200,
        headers: { "content-type": "text/event-stream" },
        body: ["data: {nope\n\n"],
      },
      rawStream([delta("a"), { choices: [{ delta: { content: 7 } }] }]),
    );
    const notJson = await rejectionOf(
      env.adapter().streamPrompt("Hi", { model: "test-model", maxRetries: 0 }).result,
    );
    expect(notJson).toBeInstanceOf(LLMInvalidResponseError);
    expect((notJson as Error).message).toBe(
      "acme sent a stream chunk that is not valid JSON: {nope",
    );
    const wrongShape = await rejectionOf(
      env.adapter().streamPrompt("Hi", { model: "test-model", maxRetries: 0 }).result,
    );
    expect((wrongShape as Error).message).toBe(
      "acme sent a stream chunk this adapter cannot read: delta.content is not a string",
    );
  });

  it("the first non-empty id wins (Azure's first chunk has an empty one), the model likewise", async () => {
    env.sim.script(
      "openai",
      rawStream([
        { id: "", model: "", choices: [] },
        { ...delta("x"), model: "test-model-2026" },
        finish("stop"),
      ]),
    );
    const result = await env.adapter().streamPrompt("Hi", { model: "test-model" }).result;
    expect(result.model).toBe("test-model-2026");
    expect(result.providerMetadata).toMatchObject({ id: "c1" });
  });
});
