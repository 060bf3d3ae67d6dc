import { describe, expect, it } from "vitest";
import { ClaudeCodeAdapter } from "./claude-code-adapter.js";
import { CLAUDE_PRICES, CLAUDE_UNKNOWN_MODEL_PRICE, claudeContextWindow } from "./claude-prices.js";

const adapter = new ClaudeCodeAdapter();

describe("Claude Code prices", () => {
  it("is dated and sourced", () => {
    expect(CLAUDE_PRICES.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(CLAUDE_PRICES.source).toContain("2.1.197");
  });

  it("prices aliases, dated snapshots and [1m] names like their model", () => {
    expect(adapter.priceFor("sonnet")).toMatchObject({ inputPerMTok: 3, outputPerMTok: 15 });
    expect(adapter.priceFor("claude-haiku-4-5-20251001")).toBe(
      CLAUDE_PRICES.models["claude-haiku-4-5"],
    );
    expect(adapter.priceFor("claude-opus-4-8[1m]")).toBe(CLAUDE_PRICES.models["claude-opus-4-8"]);
  });

  it("prices an unknown model like Opus 4.8, as the CLI does", () => {
    expect(adapter.priceFor("my-local-model")).toBe(CLAUDE_UNKNOWN_MODEL_PRICE);
    expect(CLAUDE_UNKNOWN_MODEL_PRICE).toMatchObject({ inputPerMTok: 5, outputPerMTok: 25 });
  });

  it("lets the `prices` option override the table", () => {
    const custom = new ClaudeCodeAdapter({
      prices: { "my-local-model": { inputPerMTok: 0.1, outputPerMTok: 0.2 } },
    });
    expect(custom.priceFor("my-local-model")).toEqual({ inputPerMTok: 0.1, outputPerMTok: 0.2 });
  });

  it("knows the CLI's context window", () => {
    expect(claudeContextWindow("claude-sonnet-4-5")).toBe(200_000);
    expect(claudeContextWindow("claude-opus-4-8[1m]")).toBe(1_000_000);
  });
});
