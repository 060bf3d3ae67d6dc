import { costOfUsage, nanosToUsd } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { GEMINI_PRICES, GEMINI_PRICES_AS_OF, geminiPriceTable } from "./gemini-prices.js";

const price = (model: string) => {
  const found = geminiPriceTable.models[model];
  if (!found) throw new Error(`no price for ${model}`);
  return found;
};

describe("geminiPriceTable", () => {
  it("is still exported under its old name, GEMINI_PRICES", () => {
    expect(GEMINI_PRICES).toBe(geminiPriceTable);
  });

  it("is dated and sourced", () => {
    expect(geminiPriceTable.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(geminiPriceTable.asOf).toBe(GEMINI_PRICES_AS_OF);
    expect(geminiPriceTable.source).toContain("ai.google.dev/gemini-api/docs/pricing");
  });

  it("prices the Gemini 3.x models users run now, at the rates of 2026-12-01", () => {
    expect(price("gemini-3.5-flash")).toMatchObject({ inputPerMTok: 1.5, outputPerMTok: 9 });
    expect(price("gemini-3-flash-preview")).toMatchObject({ inputPerMTok: 0.5, outputPerMTok: 3 });
    expect(price("gemini-3.1-flash-lite")).toMatchObject({
      inputPerMTok: 0.25,
      outputPerMTok: 1.5,
    });
    expect(price("gemini-3.1-pro-preview").longContext).toMatchObject({
      thresholdTokens: 200_000,
      inputPerMTok: 4,
      outputPerMTok: 18,
    });
  });

  it("leaves out models on introductory pricing, so a budgeted call on them fails closed", () => {
    expect(geminiPriceTable.models["gemini-3.8-flash"]).toBeUndefined();
  });

  it("bills cached input at the cache rate and thoughts at the output rate", () => {
    // gemini-generateContent.cached-thoughts.json on gemini-2.5-flash:
    // (17713 - 17379) × $0.30 + 17379 × $0.03 + (68 + 821) × $2.50, per million.
    const usage = {
      inputTokens: 17713,
      cachedInputTokens: 17379,
      outputTokens: 889,
      reasoningTokens: 821,
      totalTokens: 18602,
    };
    const expected = (334 * 0.3 + 17379 * 0.03 + 889 * 2.5) / 1e6;
    expect(nanosToUsd(costOfUsage(usage, price("gemini-2.5-flash")))).toBeCloseTo(expected, 9);
  });

  it("switches gemini-2.5-pro to its long-context tier above 200k prompt tokens", () => {
    const short = { inputTokens: 200_000, outputTokens: 1_000, totalTokens: 201_000 };
    const long = { inputTokens: 200_001, outputTokens: 1_000, totalTokens: 201_001 };
    expect(nanosToUsd(costOfUsage(short, price("gemini-2.5-pro")))).toBeCloseTo(
      (200_000 * 1.25 + 1_000 * 10) / 1e6,
      9,
    );
    expect(nanosToUsd(costOfUsage(long, price("gemini-2.5-pro")))).toBeCloseTo(
      (200_001 * 2.5 + 1_000 * 15) / 1e6,
      9,
    );
  });

  it("knows every model's output ceiling, so budgeted calls can reserve without maxOutputTokens", () => {
    for (const [model, modelPrice] of Object.entries(geminiPriceTable.models)) {
      expect(modelPrice.maxOutputTokens, model).toBeGreaterThan(0);
    }
  });
});
