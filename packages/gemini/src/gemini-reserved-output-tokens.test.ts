import { describe, expect, it } from "vitest";
import { geminiReservedOutputTokens } from "./gemini-reserved-output-tokens.js";

const base = { maxOutputTokens: 400, modelMaxOutputTokens: 65_536 };

describe("geminiReservedOutputTokens", () => {
  it("adds the caller's thinkingBudget on top of maxOutputTokens", () => {
    expect(
      geminiReservedOutputTokens({ ...base, model: "gemini-2.5-flash", thinkingBudget: 1024 }),
    ).toBe(400 + 1024);
  });

  it("thinkingBudget 0 (thinking off) reserves the answer alone", () => {
    expect(
      geminiReservedOutputTokens({ ...base, model: "gemini-2.5-flash", thinkingBudget: 0 }),
    ).toBe(400);
  });

  it.each([
    ["gemini-2.5-pro", undefined, 32_768],
    ["gemini-2.5-flash", -1, 24_576],
    ["models/gemini-2.5-flash-lite", undefined, 24_576],
    ["gemini-2.0-flash", undefined, 0],
  ])(
    "%s with thinkingBudget %s reserves the model's largest budget (%i)",
    (model, budget, thinking) => {
      expect(geminiReservedOutputTokens({ ...base, model, thinkingBudget: budget })).toBe(
        400 + thinking,
      );
    },
  );

  it("a model with no documented budget may think up to its output ceiling", () => {
    expect(
      geminiReservedOutputTokens({
        ...base,
        model: "gemini-3-pro-preview",
        thinkingBudget: undefined,
      }),
    ).toBe(400 + 65_536);
    expect(
      geminiReservedOutputTokens({
        model: "my-tuned-model",
        maxOutputTokens: 400,
        modelMaxOutputTokens: undefined,
        thinkingBudget: undefined,
      }),
    ).toBe(800);
  });
});
