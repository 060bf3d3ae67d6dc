import { describe, expect, it } from "vitest";
import { ClaudeCodeAdapter } from "./claude-code-adapter.js";
import {
  CLAUDE_PRICES,
  CLAUDE_UNKNOWN_MODEL_PRICE,
  claudeContextWindow,
} from "./claude-code-prices.js";

const adapter = new ClaudeCodeAdapter();

describe("Claude Code prices", () => {
  it("is dated and sourced", () => {
    expect(CLAUDE_PRICES.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(CLAUDE_PRICES.source).toContain("2.1.197");
    expect(CLAUDE_PRICES.source).toContain("2.1.332");
  });

  it("prices aliases, dated snapshots and [1m] names like their model", () => {
    expect(adapter.priceFor("sonnet")).toMatchObject({ inputPerMTok: 3, outputPerMTok: 15 });
    expect(adapter.priceFor("claude-haiku-4-5-20251001")).toBe(
      CLAUDE_PRICES.models["claude-haiku-4-5"],
    );
    expect(adapter.priceFor("claude-opus-4-8[1m]")).toBe(CLAUDE_PRICES.models["claude-opus-4-8"]);
  });

  it("prices an unknown model like Opus 4.8, the dearer of what 2.1.197 and 2.1.332 charge", () => {
    expect(adapter.priceFor("my-local-model")).toBe(CLAUDE_UNKNOWN_MODEL_PRICE);
    expect(CLAUDE_UNKNOWN_MODEL_PRICE).toMatchObject({ inputPerMTok: 5, outputPerMTok: 25 });
  });

  it('with costSource "price-table", an unknown model has no price (not the CLI\'s guess)', () => {
    const tableOnly = new ClaudeCodeAdapter({ costSource: "price-table" });
    expect(tableOnly.priceFor("my-local-model")).toBeUndefined();
    expect(tableOnly.priceFor("claude-opus-5-5")).toMatchObject({ inputPerMTok: 4 });
  });

  it("knows the models CLI 2.1.332 runs, at the rates it charges (measured)", () => {
    expect(adapter.priceFor("claude-opus-5-5")).toMatchObject({
      inputPerMTok: 4,
      outputPerMTok: 20,
      cacheWritePerMTok: 5,
      cachedInputPerMTok: 0.2,
    });
    expect(adapter.priceFor("claude-sonnet-5-5")).toMatchObject({
      inputPerMTok: 2,
      outputPerMTok: 10,
      cacheWritePerMTok: 2.5,
      cachedInputPerMTok: 0.1,
    });
    expect(adapter.priceFor("claude-haiku-5-5")?.longContext).toMatchObject({
      thresholdTokens: 100_000,
      inputPerMTok: 0.5,
      outputPerMTok: 2.5,
    });
    expect(adapter.priceFor("claude-fable-5-2")).toMatchObject({
      inputPerMTok: 8,
      outputPerMTok: 40,
    });
  });

  it("lets the `prices` option override the table", () => {
    const custom = new ClaudeCodeAdapter({
      prices: { "my-local-model": { inputPerMTok: 0.1, outputPerMTok: 0.2 } },
    });
    expect(custom.priceFor("my-local-model")).toEqual({ inputPerMTok: 0.1, outputPerMTok: 0.2 });
  });

  it("knows the CLI's context window", () => {
    expect(claudeContextWindow("claude-sonnet-4-5")).toBe(200_000);
    expect(claudeContextWindow("claude-haiku-4-5-20251001")).toBe(200_000);
    expect(claudeContextWindow("claude-opus-4-8[1m]")).toBe(1_000_000);
    for (const model of ["claude-opus-5-5", "claude-sonnet-5", "opus", "haiku", "my-local-model"]) {
      expect(claudeContextWindow(model), model).toBe(1_000_000);
    }
  });
});
