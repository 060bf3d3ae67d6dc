import { describe, expect, it } from "vitest";
import { costOfUsage, worstCaseCost } from "./cost.js";
import { estimateInputTokens } from "./estimate-input-tokens.js";
import { findPrice } from "./find-price.js";
import type { ModelPrice } from "./model-price.js";

const price: ModelPrice = {
  inputPerMTok: 2.5,
  outputPerMTok: 10,
  cachedInputPerMTok: 1.25,
  cacheWritePerMTok: 3.125,
  longContext: { thresholdTokens: 200_000, inputPerMTok: 5, outputPerMTok: 15 },
};

describe("costOfUsage", () => {
  it("prices cached, cache-write and uncached input separately, in exact nano-dollars", () => {
    const nanos = costOfUsage(
      {
        inputTokens: 3_329,
        cachedInputTokens: 3_211,
        cacheWriteTokens: 115,
        outputTokens: 53,
        totalTokens: 3_382,
      },
      price,
    );
    // 3 × 2.5 + 3211 × 1.25 + 115 × 3.125 + 53 × 10, per million tokens, in nano-dollars.
    expect(nanos).toBe(Math.round((3 * 2.5 + 3211 * 1.25 + 115 * 3.125 + 53 * 10) * 1000));
  });

  it("bills reasoning at the output rate unless a reasoning rate is set", () => {
    const usage = { inputTokens: 0, outputTokens: 100, reasoningTokens: 60, totalTokens: 100 };
    expect(costOfUsage(usage, price)).toBe(1_000_000);
    expect(costOfUsage(usage, { ...price, reasoningPerMTok: 20 })).toBe(40 * 10_000 + 60 * 20_000);
  });

  it("switches to the long-context tier above its threshold", () => {
    expect(
      costOfUsage({ inputTokens: 200_001, outputTokens: 0, totalTokens: 200_001 }, price),
    ).toBe(200_001 * 5_000);
  });
});

describe("worstCaseCost", () => {
  it("never undercounts: it is at least the cost of any usage within its bounds", () => {
    const bound = worstCaseCost(1_000, 500, price);
    for (const cached of [0, 500, 1_000]) {
      for (const write of [0, 1_000 - cached]) {
        const usage = {
          inputTokens: 1_000,
          cachedInputTokens: cached,
          cacheWriteTokens: write,
          outputTokens: 500,
          reasoningTokens: 200,
          totalTokens: 1_500,
        };
        expect(costOfUsage(usage, price)).toBeLessThanOrEqual(bound);
      }
    }
  });
});

describe("estimateInputTokens", () => {
  it("counts UTF-8 bytes, so multi-byte text is never undercounted", () => {
    const ascii = estimateInputTokens([{ role: "user", content: "abcd" }]);
    const emoji = estimateInputTokens([{ role: "user", content: "😀😀😀😀" }]);
    expect(emoji - ascii).toBe(12);
    expect(estimateInputTokens([{ role: "user", content: "" }], "sys")).toBeGreaterThan(ascii - 4);
  });
});

describe("findPrice", () => {
  const table = {
    provider: "p",
    asOf: "2026-11-01",
    source: "s",
    models: { "gpt-4o-mini": price },
  };
  it("matches dated snapshots but not mere prefixes, and prefers overrides", () => {
    expect(findPrice("gpt-4o-mini-2024-07-18", table)).toBe(price);
    expect(findPrice("gpt-4o-mini-audio", table)).toBeUndefined();
    const override = { inputPerMTok: 1, outputPerMTok: 1 };
    expect(findPrice("gpt-4o-mini", table, { "gpt-4o-mini": override })).toBe(override);
    expect(findPrice("toString", table)).toBeUndefined();
  });
});
