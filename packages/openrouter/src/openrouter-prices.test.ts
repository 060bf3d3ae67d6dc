import { findPrice } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { OPENROUTER_PRICES_AS_OF, openRouterPriceTable } from "./index.js";

const price = (slug: string) => {
  const found = openRouterPriceTable.models[slug];
  if (!found) throw new Error(`no price for ${slug}`);
  return found;
};

describe("openRouterPriceTable", () => {
  it("is dated by the exported OPENROUTER_PRICES_AS_OF and sourced from OpenRouter's pages", () => {
    expect(OPENROUTER_PRICES_AS_OF).toBe("2026-12-01");
    expect(openRouterPriceTable.asOf).toBe(OPENROUTER_PRICES_AS_OF);
    expect(openRouterPriceTable.source).toContain("openrouter.ai/models");
  });

  it("reserves openai/gpt-5.4 at OpenAI's list price, with its > 272K tier as the worst case", () => {
    expect(price("openai/gpt-5.4")).toMatchObject({
      inputPerMTok: 2.5,
      cachedInputPerMTok: 0.25,
      outputPerMTok: 15,
      maxOutputTokens: 128_000,
      longContext: { thresholdTokens: 272_000, inputPerMTok: 5, outputPerMTok: 22.5 },
    });
  });

  it("reserves anthropic/claude-opus-4.6 at Anthropic's list price and its 128K ceiling", () => {
    expect(price("anthropic/claude-opus-4.6")).toEqual({
      inputPerMTok: 5,
      cachedInputPerMTok: 0.5,
      cacheWritePerMTok: 6.25,
      outputPerMTok: 25,
      maxOutputTokens: 128_000,
    });
  });

  it("keeps the re-checked rows' list prices", () => {
    expect(price("anthropic/claude-sonnet-4.5")).toMatchObject({
      inputPerMTok: 3,
      outputPerMTok: 15,
    });
    expect(price("google/gemini-2.5-flash")).toMatchObject({
      inputPerMTok: 0.3,
      outputPerMTok: 2.5,
    });
    expect(price("google/gemini-2.5-flash-lite")).toMatchObject({
      inputPerMTok: 0.1,
      outputPerMTok: 0.4,
    });
  });

  it("leaves out the gpt-5.6 slugs, as the OpenAI table does, so budgets fail closed", () => {
    expect(findPrice("openai/gpt-5.6-sol", openRouterPriceTable)).toBeUndefined();
  });

  it("knows every slug's output ceiling, so budgeted calls can reserve without maxOutputTokens", () => {
    for (const [slug, modelPrice] of Object.entries(openRouterPriceTable.models)) {
      expect(modelPrice.maxOutputTokens, slug).toBeGreaterThan(0);
    }
  });
});
