import { describe, expect, it } from "vitest";
import type { ClaudeResult } from "./claude-output.js";
import { convertClaudeUsage, mainClaudeModel } from "./convert-claude-code-usage.js";

const result = (fields: Partial<ClaudeResult>) => ({ type: "result", ...fields }) as ClaudeResult;

describe("convertClaudeUsage", () => {
  it("totals input as uncached + cache writes + cache reads, summed over models", () => {
    const usage = convertClaudeUsage(
      result({
        modelUsage: {
          "claude-sonnet-4-5": {
            inputTokens: 1000,
            outputTokens: 500,
            cacheCreationInputTokens: 2000,
            cacheReadInputTokens: 10_000,
            costUSD: 0.021,
          },
          "claude-haiku-4-5-20251001": { inputTokens: 100, outputTokens: 10, costUSD: 0.00015 },
        },
      }),
    );
    expect(usage).toEqual({
      inputTokens: 13_100,
      outputTokens: 510,
      totalTokens: 13_610,
      cachedInputTokens: 10_000,
      cacheWriteTokens: 2000,
    });
  });

  it("prefers modelUsage over usage, which is all zeros after a cut stream's retry", () => {
    const usage = convertClaudeUsage(
      result({
        usage: {
          input_tokens: 0,
          output_tokens: 0,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
        modelUsage: { "claude-sonnet-4-5": { inputTokens: 1000, outputTokens: 500 } },
      }),
    );
    expect(usage.inputTokens).toBe(1000);
    expect(usage.outputTokens).toBe(500);
  });

  it("falls back to usage when modelUsage is absent", () => {
    const usage = convertClaudeUsage(
      result({ usage: { input_tokens: 12, cache_read_input_tokens: 3, output_tokens: 4 } }),
    );
    expect(usage).toMatchObject({ inputTokens: 15, cachedInputTokens: 3, outputTokens: 4 });
  });

  it("names the model that cost the most as the one that answered", () => {
    expect(
      mainClaudeModel(
        result({
          modelUsage: {
            "claude-haiku-4-5-20251001": { costUSD: 0.001 },
            "claude-opus-4-8[1m]": { costUSD: 0.2 },
          },
        }),
      ),
    ).toBe("claude-opus-4-8[1m]");
    expect(mainClaudeModel(result({}))).toBeUndefined();
  });
});
