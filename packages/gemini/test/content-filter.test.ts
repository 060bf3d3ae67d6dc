import { BudgetTracker, LLMContentFilterError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { rejectionOf, useGeminiSimulator } from "./support/gemini-harness.js";

const h = useGeminiSimulator();
const model = "gemini-2.5-flash";

describe("Gemini safety outcomes", () => {
  it("a blocked prompt → LLMContentFilterError with the block reason; its prompt tokens are charged", async () => {
    h.sim.script("gemini", { fault: "blocked-prompt", blockReason: "PROHIBITED_CONTENT" });
    const budget = new BudgetTracker({ total: 1 });
    const prompt = "something forbidden";
    const error = await rejectionOf(
      h.adapter.executePrompt(prompt, { model, maxOutputTokens: 50, budgetTracker: budget }),
    );
    expect(error).toBeInstanceOf(LLMContentFilterError);
    expect(error).toMatchObject({
      reason: "PROHIBITED_CONTENT",
      retryable: false,
      message: "Gemini blocked the prompt (PROHIBITED_CONTENT)",
    });
    const promptTokens = Math.ceil(Buffer.byteLength(prompt) / 4);
    expect((error as LLMContentFilterError).usage).toEqual({
      inputTokens: promptTokens,
      outputTokens: 0,
      totalTokens: promptTokens,
    });
    expect(budget.spent).toBeCloseTo((promptTokens * 0.3) / 1e6, 12);
    expect(budget.reserved).toBe(0);
    expect(h.sim.requestCount("gemini")).toBe(1);
  });

  it("a blocked prompt in a stream is the same error", async () => {
    h.sim.script("gemini", { fault: "blocked-prompt" });
    const stream = h.adapter.streamPrompt("something forbidden", { model });
    await expect(stream.result).rejects.toMatchObject({
      name: "LLMContentFilterError",
      reason: "SAFETY",
    });
  });

  it("SAFETY after some text is a result the caller keeps, finish reason content-filter", async () => {
    h.sim.script("gemini", { chunks: ["Here is the start ", "of it"], finishReason: "SAFETY" });
    const stream = h.adapter.streamPrompt("Tell me", { model });
    const result = await stream.result;
    expect(result.text).toBe("Here is the start of it");
    expect(result.finishReason).toEqual({ kind: "content-filter", raw: "SAFETY" });
  });

  it("SAFETY (or RECITATION) with no text is an LLMContentFilterError", async () => {
    h.sim.script("gemini", { text: "", finishReason: "RECITATION" });
    const error = await rejectionOf(h.adapter.executePrompt("Recite it", { model }));
    expect(error).toBeInstanceOf(LLMContentFilterError);
    expect(error).toMatchObject({
      reason: "RECITATION",
      message: "Gemini stopped the answer before any text (RECITATION)",
    });
  });
});
