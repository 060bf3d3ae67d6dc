import type { ModelPrice, PriceTable } from "@llmc/core";

/**
 * Rates per million tokens for the models the pinned CLI (2.1.197) knows.
 *
 * The budget is charged the CLI's own `total_cost_usd`, which the CLI computes from a price
 * table built into its binary (the server cannot set it). Every rate below was read back from
 * that binary by running it against a local server (1M tokens of each kind → `costUSD`), and
 * cross-checked with Anthropic's list prices; where the two differ, the higher one is kept so
 * the reservation covers both.
 * - `claude-sonnet-5`: the CLI charges $3/$15; the list price is $2/$10 (introductory).
 * - `claude-opus-4-1`: the CLI silently remaps it to `claude-opus-4-8` ($5/$25); the list price
 *   of Opus 4.1 ($15/$75) is kept, in case the remap is disabled
 *   (`CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP=1`).
 * - `claude-sonnet-4-5`: the CLI applies no long-context premium; Anthropic lists $6/$22.50
 *   above 200k input tokens (1M-context beta), so that tier is kept.
 * `maxOutputTokens` is the `max_tokens` the CLI sends for the model by default.
 */
const OPUS_4: ModelPrice = {
  inputPerMTok: 5,
  outputPerMTok: 25,
  cacheWritePerMTok: 6.25,
  cachedInputPerMTok: 0.5,
  maxOutputTokens: 64_000,
};
const OPUS_4_LEGACY: ModelPrice = {
  inputPerMTok: 15,
  outputPerMTok: 75,
  cacheWritePerMTok: 18.75,
  cachedInputPerMTok: 1.5,
  maxOutputTokens: 32_000,
};
const SONNET: ModelPrice = {
  inputPerMTok: 3,
  outputPerMTok: 15,
  cacheWritePerMTok: 3.75,
  cachedInputPerMTok: 0.3,
  maxOutputTokens: 32_000,
};
const HAIKU_4_5: ModelPrice = {
  inputPerMTok: 1,
  outputPerMTok: 5,
  cacheWritePerMTok: 1.25,
  cachedInputPerMTok: 0.1,
  maxOutputTokens: 32_000,
};
const FABLE_5: ModelPrice = {
  inputPerMTok: 10,
  outputPerMTok: 50,
  cacheWritePerMTok: 12.5,
  cachedInputPerMTok: 1,
  maxOutputTokens: 64_000,
};

export const CLAUDE_PRICES: PriceTable = {
  provider: "claude-code",
  asOf: "2026-11-25",
  source:
    "Claude Code CLI 2.1.197 built-in prices (measured: modelUsage.costUSD per 1M tokens of each " +
    "kind), cross-checked with https://platform.claude.com/docs/en/about-claude/pricing",
  models: {
    "claude-fable-5": FABLE_5,
    "claude-opus-4-8": OPUS_4,
    "claude-opus-4-7": OPUS_4,
    "claude-opus-4-6": OPUS_4,
    "claude-opus-4-5": { ...OPUS_4, maxOutputTokens: 32_000 },
    "claude-opus-4-1": OPUS_4_LEGACY,
    "claude-sonnet-5": { ...SONNET, maxOutputTokens: 64_000 },
    "claude-sonnet-4-6": SONNET,
    "claude-sonnet-4-5": {
      ...SONNET,
      longContext: {
        thresholdTokens: 200_000,
        inputPerMTok: 6,
        outputPerMTok: 22.5,
        cacheWritePerMTok: 7.5,
        cachedInputPerMTok: 0.6,
      },
    },
    "claude-haiku-4-5": HAIKU_4_5,
    // The CLI's aliases, as 2.1.197 resolves them: opus → claude-opus-4-8,
    // sonnet → claude-sonnet-5, haiku → claude-haiku-4-5-20251001, fable → claude-fable-5.
    opus: OPUS_4,
    sonnet: { ...SONNET, maxOutputTokens: 64_000 },
    haiku: HAIKU_4_5,
    fable: FABLE_5,
  },
};

/**
 * The price of a model the table does not know. The CLI bills any model name it does not know
 * (e.g. a local model behind `ANTHROPIC_BASE_URL`) at Opus 4.8 rates, so that is what the
 * budget will be charged and what the reservation must cover.
 */
export const CLAUDE_UNKNOWN_MODEL_PRICE: ModelPrice = OPUS_4;

/** `claude-opus-4-8[1m]` → `claude-opus-4-8`: the CLI's 1M-context marker is not a model. */
export function stripContextMarker(model: string): string {
  return model.replace(/\[1m\]$/i, "");
}

/**
 * The context window the CLI works in for a model: 1M tokens with the `[1m]` marker, else
 * 200k (the CLI reports `contextWindow: 200000` for every model without it and compacts the
 * conversation before it fills). One turn's input cannot exceed it.
 */
export function claudeContextWindow(model: string): number {
  return /\[1m\]$/i.test(model) ? 1_000_000 : 200_000;
}
