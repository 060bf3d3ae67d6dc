import { BudgetTracker, LLMProviderError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import {
  expectBilledReservation,
  rejectionOf,
  settleEvents,
  useSimulator,
} from "./simulator-fixture.js";

const env = useSimulator();

describe("streamPrompt", () => {
  it("yields the deltas in order and ends with the finish reason, model and ids", async () => {
    env.sim.script("openai", {
      chunks: ["The ", "answer ", "is 42."],
      model: "gpt-4o-mini-2024-07-18",
      usage: { inputTokens: 10, outputTokens: 6 },
    });
    const stream = env.adapter().streamPrompt("Question?", { model: "gpt-4o-mini" });
    const deltas: string[] = [];
    for await (const delta of stream) deltas.push(delta);
    const result = await stream.result;
    expect(deltas).toEqual(["The ", "answer ", "is 42."]);
    expect(result.text).toBe("The answer is 42.");
    expect(result.finishReason).toEqual({ kind: "stop", raw: "stop" });
    expect(result.model).toBe("gpt-4o-mini-2024-07-18");
    expect(result.providerMetadata).toMatchObject({
      id: expect.stringMatching(/^chatcmpl-/),
      requestId: expect.any(String),
      serviceTier: "default",
    });
  });

  it("with the usage chunk the call is priced from usage", async () => {
    env.sim.script("openai", {
      chunks: ["a", "b"],
      usage: { inputTokens: 1000, outputTokens: 1000 },
    });
    const budget = new BudgetTracker({ total: 1 });
    const result = await env
      .adapter()
      .streamPrompt("Hi", { model: "gpt-4o-mini", maxOutputTokens: 1000, budgetTracker: budget })
      .result;
    expect(result.costSource).toBe("price-table");
    expect(result.costUsd).toBeCloseTo((1000 * 0.15 + 1000 * 0.6) / 1e6, 12);
    expect(budget.spent).toBe(result.costUsd);
    expect(budget.reserved).toBe(0);
  });

  it("without usage and without a budget the cost is unknown and usage is zero", async () => {
    const result = await env
      .adapter({ streamUsage: false })
      .streamPrompt("Hi", { model: "gpt-4o-mini" }).result;
    expect(result.costSource).toBe("unknown");
    expect(result.costUsd).toBeUndefined();
    expect(result.usage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0 });
  });

  it("a length cut is reported as finish reason length", async () => {
    env.sim.script("openai", { text: "one two three four five six seven eight nine ten" });
    const result = await env
      .adapter()
      .streamPrompt("Count", { model: "gpt-4o-mini", maxOutputTokens: 3 }).result;
    expect(result.finishReason).toEqual({ kind: "length", raw: "length" });
    expect(result.usage.outputTokens).toBe(3);
  });

  it("reads a recorded Azure stream (empty first chunk, reasoning usage)", async () => {
    const lines = [
      { choices: [], created: 0, id: "", model: "", object: "", prompt_filter_results: [] },
      {
        choices: [{ delta: { content: "", role: "assistant" }, finish_reason: null, index: 0 }],
        id: "chatcmpl-CYPS",
        model: "gpt-5-nano-2025-08-07",
        usage: null,
      },
      {
        choices: [{ delta: { content: "Capital" }, finish_reason: null, index: 0 }],
        id: "chatcmpl-CYPS",
        model: "gpt-5-nano-2025-08-07",
        usage: null,
      },
      {
        choices: [{ delta: { content: " of Denmark." }, finish_reason: null, index: 0 }],
        id: "chatcmpl-CYPS",
        model: "gpt-5-nano-2025-08-07",
        usage: null,
      },
      {
        choices: [{ delta: {}, finish_reason: "stop", index: 0 }],
        id: "chatcmpl-CYPS",
        model: "gpt-5-nano-2025-08-07",
        usage: null,
      },
      {
        choices: [],
        id: "chatcmpl-CYPS",
        model: "gpt-5-nano-2025-08-07",
        usage: {
          completion_tokens: 78,
          completion_tokens_details: { reasoning_tokens: 64 },
          prompt_tokens: 15,
          prompt_tokens_details: { cached_tokens: 0 },
          total_tokens: 93,
        },
      },
    ];
    env.sim.script("openai", {
      fault: "raw",
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: [...lines.map((line) => `data: ${JSON.stringify(line)}\n\n`), "data: [DONE]\n\n"],
    });
    const result = await env.adapter().streamPrompt("Capital?", { model: "gpt-5-nano" }).result;
    expect(result.text).toBe("Capital of Denmark.");
    expect(result.model).toBe("gpt-5-nano-2025-08-07");
    expect(result.usage).toEqual({
      inputTokens: 15,
      outputTokens: 78,
      totalTokens: 93,
      cachedInputTokens: 0,
      reasoningTokens: 64,
    });
  });

  it("a mid-stream error event → LLMProviderError without status, charged the reservation", async () => {
    env.sim.script("openai", { fault: "midstream-error", afterChunks: 2 });
    const budget = new BudgetTracker({ total: 1 });
    const settled = settleEvents(budget);
    const stream = env.adapter().streamPrompt("Hi", {
      model: "gpt-4o-mini",
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    const deltas: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const delta of stream) deltas.push(delta);
      })(),
    );
    expect(deltas.length).toBe(2);
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({ status: undefined, retryable: false, provider: "openai" });
    expect((error as Error).message).toMatch(
      /^OpenAI reported an error mid-response \(server_error\): /,
    );
    await expect(stream.result).rejects.toBe(error);
    // Output had begun and OpenAI sent no usage: the worst case is charged, nothing is held.
    expect(budget.spent).toBeGreaterThan(0);
    expectBilledReservation(settled);
    expect(budget.reserved).toBe(0);
    expect(env.sim.requestCount("openai")).toBe(1);
  });
});
