import { costOfUsage, findPrice, nanosToUsd } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { OPENAI_PRICES_AS_OF, openAIPriceTable } from "./index.js";

const price = (model: string) => {
  const found = openAIPriceTable.models[model];
  if (!found) throw new Error(`no price for ${model}`);
  return found;
};

describe("openAIPriceTable", () => {
  it("is dated by the exported OPENAI_PRICES_AS_OF and sourced from OpenAI's pricing page", () => {
    expect(OPENAI_PRICES_AS_OF).toBe("2026-12-01");
    expect(openAIPriceTable.asOf).toBe(OPENAI_PRICES_AS_OF);
    expect(openAIPriceTable.source).toContain("developers.openai.com/api/docs/pricing");
  });

  it("prices the gpt-5 family users run now, at the Standard rates of 2026-12-01", () => {
    expect(price("gpt-5")).toMatchObject({
      inputPerMTok: 1.25,
      cachedInputPerMTok: 0.125,
      outputPerMTok: 10,
    });
    expect(price("gpt-5-mini")).toMatchObject({
      inputPerMTok: 0.25,
      cachedInputPerMTok: 0.025,
      outputPerMTok: 2,
    });
    expect(price("gpt-5-nano")).toMatchObject({
      inputPerMTok: 0.05,
      cachedInputPerMTok: 0.005,
      outputPerMTok: 0.4,
    });
    expect(price("gpt-5.2")).toMatchObject({ inputPerMTok: 1.75, outputPerMTok: 14 });
    expect(price("gpt-5.4")).toMatchObject({
      inputPerMTok: 2.5,
      cachedInputPerMTok: 0.25,
      outputPerMTok: 15,
    });
    expect(price("gpt-5.4-mini")).toMatchObject({
      inputPerMTok: 0.75,
      cachedInputPerMTok: 0.075,
      outputPerMTok: 4.5,
    });
    expect(price("gpt-5.4-nano")).toMatchObject({
      inputPerMTok: 0.2,
      cachedInputPerMTok: 0.02,
      outputPerMTok: 1.25,
    });
    expect(price("gpt-5.5")).toMatchObject({
      inputPerMTok: 5,
      cachedInputPerMTok: 0.5,
      outputPerMTok: 30,
    });
  });

  it("charges gpt-5.5 its > 272K tier: 2× input, 1.5× output", () => {
    const long = { inputTokens: 272_001, outputTokens: 1_000, totalTokens: 273_001 };
    expect(nanosToUsd(costOfUsage(long, price("gpt-5.5")))).toBeCloseTo(
      (272_001 * 10 + 1_000 * 45) / 1e6,
      9,
    );
  });

  it("leaves out gpt-5.6 and gpt-6.x (rates in flux, cache writes billed), so budgets fail closed", () => {
    for (const model of [
      "gpt-5.6-sol",
      "gpt-5.6-terra",
      "gpt-5.6-luna",
      "gpt-6-sol",
      "gpt-6.1-sol",
    ]) {
      expect(findPrice(model, openAIPriceTable), model).toBeUndefined();
    }
  });

  it("sets no cache-write rate on any row: these models bill cache writes as input", () => {
    for (const [model, modelPrice] of Object.entries(openAIPriceTable.models)) {
      expect(modelPrice.cacheWritePerMTok, model).toBeUndefined();
    }
  });

  it("knows every model's output ceiling, so budgeted calls can reserve without maxOutputTokens", () => {
    for (const [model, modelPrice] of Object.entries(openAIPriceTable.models)) {
      expect(modelPrice.maxOutputTokens, model).toBeGreaterThan(0);
    }
  });
});
