import { describe, expect, it } from "vitest";
import { convertGeminiUsage } from "./convert-gemini-usage.js";

describe("convertGeminiUsage", () => {
  it("keeps cached tokens inside input and adds thoughts to output", () => {
    // gemini-generateContent.cached-thoughts.json
    expect(
      convertGeminiUsage({
        promptTokenCount: 17713,
        cachedContentTokenCount: 17379,
        candidatesTokenCount: 68,
        thoughtsTokenCount: 821,
        totalTokenCount: 18602,
      }),
    ).toEqual({
      inputTokens: 17713,
      cachedInputTokens: 17379,
      outputTokens: 68 + 821,
      reasoningTokens: 821,
      totalTokens: 18602,
    });
  });

  it("counts tool-use prompt tokens as input", () => {
    expect(
      convertGeminiUsage({
        promptTokenCount: 100,
        toolUsePromptTokenCount: 40,
        candidatesTokenCount: 10,
        totalTokenCount: 150,
      }),
    ).toEqual({ inputTokens: 140, outputTokens: 10, totalTokens: 150 });
  });

  it("tolerates early stream snapshots without candidatesTokenCount", () => {
    expect(convertGeminiUsage({ promptTokenCount: 15, totalTokenCount: 15 })).toEqual({
      inputTokens: 15,
      outputTokens: 0,
      totalTokens: 15,
    });
  });

  it("derives the total when Google leaves it out, and reports nothing without metadata", () => {
    expect(convertGeminiUsage({ promptTokenCount: 9, candidatesTokenCount: 29 })).toEqual({
      inputTokens: 9,
      outputTokens: 29,
      totalTokens: 38,
    });
    expect(convertGeminiUsage(undefined)).toBeUndefined();
  });
});
