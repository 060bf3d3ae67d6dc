import {
  BudgetTracker,
  LLMConnectionError,
  LLMInvalidResponseError,
  LLMProviderError,
  nanosToUsd,
  worstCaseCost,
} from "@llmc/core";
import { estimateTokens } from "@llmc/testing";
import { describe, expect, it } from "vitest";
import { geminiPriceTable } from "../src/index.js";
import { useGeminiSimulator } from "./support/gemini-harness.js";

const h = useGeminiSimulator();
const model = "gemini-2.5-flash";
const flash = geminiPriceTable.models[model]!;

/** Reads a stream to its end, returning the deltas seen and how it ended. */
async function drain(
  stream: AsyncIterable<string>,
): Promise<{ deltas: string[]; error?: unknown }> {
  const deltas: string[] = [];
  try {
    for await (const delta of stream) deltas.push(delta);
    return { deltas };
  } catch (error) {
    return { deltas, error };
  }
}

describe("streamPrompt", () => {
  it("yields each chunk's text and takes usage from the last chunk's snapshot, not a sum", async () => {
    h.sim.script("gemini", {
      chunks: ["Rivers: ", "Seine, ", "Loire, ", "Rhône."],
      usage: { inputTokens: 20, outputTokens: 40, reasoningTokens: 12 },
    });
    const budget = new BudgetTracker({ total: 1 });
    const stream = h.adapter.streamPrompt("Name three rivers in France.", {
      model,
      maxOutputTokens: 100,
      thinkingBudget: 50,
      budgetTracker: budget,
    });
    const { deltas } = await drain(stream);
    expect(deltas).toEqual(["Rivers: ", "Seine, ", "Loire, ", "Rhône."]);
    const result = await stream.result;
    expect(result.text).toBe("Rivers: Seine, Loire, Rhône.");
    expect(result.usage).toEqual({
      inputTokens: 20,
      outputTokens: 40,
      reasoningTokens: 12,
      totalTokens: 60,
    });
    expect(result.finishReason).toEqual({ kind: "stop", raw: "STOP" });
    expect(result.costUsd).toBeCloseTo((20 * 0.3 + 40 * 2.5) / 1e6, 9);
    expect(budget.spent).toBe(result.costUsd);
    expect(budget.reserved).toBe(0);
  });

  it("a stream cut after text → LLMConnectionError, not retried, charged its whole reservation", async () => {
    h.sim.script("gemini", {
      fault: "cut-stream",
      afterChunks: 2,
      reply: { chunks: ["one ", "two ", "three ", "four"] },
    });
    const budget = new BudgetTracker({ total: 1 });
    const prompt = "Count to four.";
    const stream = h.adapter.streamPrompt(prompt, {
      model,
      maxOutputTokens: 100,
      thinkingBudget: 0,
      budgetTracker: budget,
    });
    const { deltas, error } = await drain(stream);
    expect(deltas).toEqual(["one ", "two "]);
    expect(error).toBeInstanceOf(LLMConnectionError);
    await expect(stream.result).rejects.toBe(error);
    expect(h.sim.requestCount("gemini")).toBe(1);
    // Google may bill every token it generated after the cut: the worst case is charged.
    const inputBound = 16 + Buffer.byteLength(prompt) + 8;
    expect(budget.spent).toBe(nanosToUsd(worstCaseCost(inputBound, 100, flash)));
    expect(budget.reserved).toBe(0);
  });

  it("an error event mid-stream → LLMProviderError carrying the last usage snapshot, which is charged", async () => {
    h.sim.script("gemini", {
      fault: "midstream-error",
      afterChunks: 2,
      code: 503,
      message: "The model is overloaded. Please try again later.",
      reply: { chunks: ["alpha ", "beta ", "gamma"], usage: { inputTokens: 10, outputTokens: 30 } },
    });
    const budget = new BudgetTracker({ total: 1 });
    const stream = h.adapter.streamPrompt("Greek letters", {
      model,
      maxOutputTokens: 100,
      thinkingBudget: 0,
      budgetTracker: budget,
    });
    const { deltas, error } = await drain(stream);
    expect(deltas).toEqual(["alpha ", "beta "]);
    expect(error).toBeInstanceOf(LLMProviderError);
    const failure = error as LLMProviderError;
    expect(failure.status).toBe(503);
    expect(failure.message).toBe(
      "Gemini 503 UNAVAILABLE: The model is overloaded. Please try again later.",
    );
    // The snapshot on the second chunk: the prompt and the output so far (not the final 30).
    const outputSoFar = estimateTokens("alpha beta ");
    expect(failure.usage).toEqual({
      inputTokens: 10,
      outputTokens: outputSoFar,
      totalTokens: 10 + outputSoFar,
    });
    const charged = (10 * flash.inputPerMTok + outputSoFar * flash.outputPerMTok) / 1e6;
    expect(budget.spent).toBeCloseTo(charged, 9);
    expect(budget.reserved).toBe(0);
    expect(h.sim.requestCount("gemini")).toBe(1);
  });

  it("an unreadable chunk → LLMInvalidResponseError", async () => {
    h.sim.script("gemini", { fault: "malformed-json", afterChunks: 1 });
    const { deltas, error } = await drain(h.adapter.streamPrompt("Hi", { model }));
    expect(deltas).toHaveLength(1);
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
  });

  it("a stream that closes cleanly before its finish reason is an error, not a short answer", async () => {
    const chunk = (text: string) =>
      `data: ${JSON.stringify({
        candidates: [{ content: { parts: [{ text }], role: "model" }, index: 0 }],
        usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 1, totalTokenCount: 5 },
        modelVersion: model,
      })}\r\n\r\n`;
    h.sim.script("gemini", {
      fault: "raw",
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: [chunk("half "), chunk("an answer")],
    });
    const { deltas, error } = await drain(h.adapter.streamPrompt("Hi", { model }));
    expect(deltas).toEqual(["half ", "an answer"]);
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect((error as Error).message).toBe("The Gemini stream closed before its finish reason");
  });

  it("MAX_TOKENS is a normal end with finish reason length", async () => {
    h.sim.script("gemini", { chunks: ["cut ", "short"], finishReason: "MAX_TOKENS" });
    const stream = h.adapter.streamPrompt("Hi", { model });
    await drain(stream);
    expect((await stream.result).finishReason).toEqual({ kind: "length", raw: "MAX_TOKENS" });
  });
});
