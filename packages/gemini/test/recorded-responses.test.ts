import { BudgetTracker, LLMRateLimitError } from "@llmc/core";
import { recordedResponseStep } from "@llmc/testing";
import { describe, expect, it } from "vitest";
import { rejectionOf, useGeminiSimulator } from "./support/gemini-harness.js";
import { readRecorded } from "./support/recorded-fixtures.js";

const h = useGeminiSimulator();

/** Queues a real recorded Gemini response, served byte for byte by the simulator. */
async function replay(fileName: string): Promise<void> {
  h.sim.script("gemini", recordedResponseStep(fileName, await readRecorded(fileName)));
}

async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const deltas: string[] = [];
  for await (const delta of stream) deltas.push(delta);
  return deltas;
}

describe("recorded Gemini responses through the real SDK", () => {
  it("cached-thoughts: cached input inside input, thoughts billed as output", async () => {
    await replay("gemini-generateContent.cached-thoughts.json");
    const budget = new BudgetTracker({ total: 1 });
    const result = await h.adapter.executePrompt("What happens in this video?", {
      model: "gemini-2.5-flash",
      maxOutputTokens: 1000,
      thinkingBudget: 1000,
      budgetTracker: budget,
    });
    expect(result.usage).toEqual({
      inputTokens: 17713,
      cachedInputTokens: 17379,
      outputTokens: 68 + 821,
      reasoningTokens: 821,
      totalTokens: 18602,
    });
    expect(result.text).toMatch(/^This video demonstrates an AI assistant/);
    expect(result.model).toBe("gemini-2.5-flash");
    expect(result.finishReason).toEqual({ kind: "stop", raw: "STOP" });
    expect(result.providerMetadata.responseId).toBe("JiyGasHJHe-wjMcP4aqWmQg");
    // (17713 − 17379) × $0.30 + 17379 × $0.03 + 889 × $2.50, per million tokens.
    const expected = (334 * 0.3 + 17379 * 0.03 + 889 * 2.5) / 1e6;
    expect(result.costSource).toBe("price-table");
    expect(result.costUsd).toBeCloseTo(expected, 9);
    expect(budget.spent).toBeCloseTo(expected, 9);
    expect(budget.reserved).toBe(0);
  });

  it("thoughts (gemini-3-pro-preview): text with a thoughtSignature part, thoughts in output", async () => {
    await replay("gemini-generateContent.thoughts.json");
    const result = await h.adapter.executePrompt("How many r's in strawberry?", {
      model: "gemini-3-pro-preview",
    });
    expect(result.text).toBe(
      'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.',
    );
    expect(result.usage).toEqual({
      inputTokens: 9,
      outputTokens: 29 + 282,
      reasoningTokens: 282,
      totalTokens: 320,
    });
    expect(result.costUsd).toBeCloseTo((9 * 2 + 311 * 12) / 1e6, 9);
  });

  it("raw SSE stream (\\r\\n\\r\\n): deltas in order, usage from the last chunk (prompt 15 → 13)", async () => {
    await replay("gemini-streamGenerateContent.raw.sse");
    const stream = h.adapter.streamPrompt("What is the capital of France?", {
      model: "gemini-2.0-flash",
    });
    expect(await collect(stream)).toEqual(["The", " capital of France", " is Paris.\n"]);
    const result = await stream.result;
    expect(result.text).toBe("The capital of France is Paris.\n");
    expect(result.usage).toEqual({ inputTokens: 13, outputTokens: 8, totalTokens: 21 });
    expect(result.model).toBe("gemini-2.0-flash-exp");
    expect(result.finishReason).toEqual({ kind: "stop", raw: "STOP" });
    expect(result.costUsd).toBeCloseTo((13 * 0.1 + 8 * 0.4) / 1e6, 9);
  });

  it("thinking stream: the last chunk is an empty signature-only part and holds the usage", async () => {
    await replay("gemini-streamGenerateContent.thoughts.jsonl");
    const stream = h.adapter.streamPrompt("How many r's in strawberry?", {
      model: "gemini-3-pro-preview",
    });
    expect(await collect(stream)).toEqual([
      'There are **3** "r"s in',
      " strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
    ]);
    const result = await stream.result;
    expect(result.usage).toEqual({
      inputTokens: 9,
      outputTokens: 29 + 256,
      reasoningTokens: 256,
      totalTokens: 294,
    });
    expect(result.providerMetadata.responseId).toBe("dX6LadKVC7SZ28oPr9yJoQs");
  });

  it("429 with RetryInfo 34.4s → LLMRateLimitError with retryAfterMs 34400", async () => {
    await replay("gemini-error-429.json");
    const error = await rejectionOf(
      h.adapter.executePrompt("Hi", { model: "gemini-2.5-flash", maxRetries: 0 }),
    );
    expect(error).toBeInstanceOf(LLMRateLimitError);
    expect(error).toMatchObject({
      status: 429,
      retryAfterMs: 34_400,
      retryable: true,
      message:
        "Gemini 429 RESOURCE_EXHAUSTED: You exceeded your current quota, please check your plan.",
    });
    expect(h.sim.requestCount("gemini")).toBe(1);
  });
});
