import type { ModelPrice, PriceTable } from "@llmc/core";

/**
 * Rates per million tokens for the models the CLI knows, 2.1.197 and 2.1.332 alike.
 *
 * The budget is charged the CLI's own `total_cost_usd`, which the CLI computes from a price
 * table built into its binary (the server cannot set it). Every rate below was read back from
 * the binaries by running them against a local server (1M tokens of one kind → `costUSD`), and
 * cross-checked with Anthropic's list prices (platform.claude.com/docs/en/about-claude/pricing
 * and the model pages, 2026-12-01); where they differ, or the two CLIs differ, the higher one is
 * kept so the reservation covers every case.
 * - `claude-sonnet-5`: 2.1.197 charges $3/$15, 2.1.332 and the list price $2/$10 → $3/$15.
 * - `claude-opus-4-1`: the CLI silently remaps it to `claude-opus-4-8` ($5/$25); the list price
 *   of Opus 4.1 ($15/$75) is kept, in case the remap is disabled
 *   (`CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP=1`).
 * - `claude-sonnet-4-5`: the CLI applies no long-context premium; Anthropic lists $6/$22.50
 *   above 200k input tokens (1M-context beta), so that tier is kept.
 * - `claude-haiku-5-5`: $0.10/$0.50 up to a 100k-token prompt, $0.50/$2.50 on the whole request
 *   above it (list price; 2.1.332 charged exactly that).
 * - `claude-fable-5-2` (2.1.332's `fable`): $8/$40 measured; not yet on the list, so its cache
 *   rates are the usual 1.25× / 0.1× of input.
 * - Cache writes are priced at the 5-minute rate: with an API key the CLI marks its cache
 *   blocks `ephemeral` without a TTL (checked on 2.1.332). 1-hour writes cost more (e.g. $8 for
 *   Opus 5.5) and are not covered.
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
const OPUS_5_5: ModelPrice = {
  inputPerMTok: 4,
  outputPerMTok: 20,
  cacheWritePerMTok: 5,
  cachedInputPerMTok: 0.2,
  maxOutputTokens: 128_000,
};
const SONNET: ModelPrice = {
  inputPerMTok: 3,
  outputPerMTok: 15,
  cacheWritePerMTok: 3.75,
  cachedInputPerMTok: 0.3,
  maxOutputTokens: 32_000,
};
const SONNET_5_5: ModelPrice = {
  inputPerMTok: 2,
  outputPerMTok: 10,
  cacheWritePerMTok: 2.5,
  cachedInputPerMTok: 0.1,
  maxOutputTokens: 128_000,
};
const HAIKU_4_5: ModelPrice = {
  inputPerMTok: 1,
  outputPerMTok: 5,
  cacheWritePerMTok: 1.25,
  cachedInputPerMTok: 0.1,
  maxOutputTokens: 32_000,
};
const HAIKU_5_5: ModelPrice = {
  inputPerMTok: 0.1,
  outputPerMTok: 0.5,
  cacheWritePerMTok: 0.125,
  cachedInputPerMTok: 0.01,
  maxOutputTokens: 128_000,
  longContext: {
    thresholdTokens: 100_000,
    inputPerMTok: 0.5,
    outputPerMTok: 2.5,
    cacheWritePerMTok: 0.625,
    cachedInputPerMTok: 0.05,
  },
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
  asOf: "2026-12-01",
  source:
    "Claude Code CLI 2.1.197 and 2.1.332 built-in prices (measured: modelUsage.costUSD per 1M " +
    "tokens of each kind), cross-checked with https://platform.claude.com/docs/en/about-claude/pricing",
  models: {
    "claude-fable-5-2": {
      inputPerMTok: 8,
      outputPerMTok: 40,
      cacheWritePerMTok: 10,
      cachedInputPerMTok: 0.8,
      maxOutputTokens: 128_000,
    },
    "claude-fable-5-1": { ...FABLE_5, cachedInputPerMTok: 0.25 },
    "claude-fable-5": FABLE_5,
    "claude-opus-5-5": OPUS_5_5,
    "claude-opus-5": { ...OPUS_4, maxOutputTokens: 128_000 },
    "claude-opus-4-8": OPUS_4,
    "claude-opus-4-7": OPUS_4,
    "claude-opus-4-6": OPUS_4,
    "claude-opus-4-5": { ...OPUS_4, maxOutputTokens: 32_000 },
    "claude-opus-4-1": OPUS_4_LEGACY,
    "claude-sonnet-5-5": SONNET_5_5,
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
    "claude-haiku-5-5": HAIKU_5_5,
    "claude-haiku-4-5": HAIKU_4_5,
    // The CLI's aliases, priced at the dearer of what they resolve to in
    // 2.1.197 (opus → claude-opus-4-8, sonnet → claude-sonnet-5,
    // haiku → claude-haiku-4-5-20251001, fable → claude-fable-5) and in
    // 2.1.332 (claude-opus-5-5, claude-sonnet-5-5, claude-haiku-5-5, claude-fable-5-2).
    opus: OPUS_4,
    sonnet: { ...SONNET, maxOutputTokens: 64_000 },
    haiku: HAIKU_4_5,
    fable: FABLE_5,
  },
};

/**
 * The price of a model the table does not know. The CLI bills any model name it does not know
 * (e.g. a local model behind `ANTHROPIC_BASE_URL`) at its default model's rates: Opus 4.8
 * ($5/$25) in 2.1.197, Opus 5.5 ($4/$20) in 2.1.332. The reservation must cover the dearer.
 */
export const CLAUDE_UNKNOWN_MODEL_PRICE: ModelPrice = OPUS_4;

/** `claude-opus-4-8[1m]` → `claude-opus-4-8`: the CLI's 1M-context marker is not a model. */
export function stripContextMarker(model: string): string {
  return model.replace(/\[1m\]$/i, "");
}

/**
 * The context window the CLI works in for a model, as an upper bound of one turn's input (the
 * CLI compacts the conversation before it fills): 1M tokens with the `[1m]` marker and for the
 * Claude 5 family, which Anthropic lists at 1M (opus-5, opus-5-5, sonnet-5, sonnet-5-5,
 * haiku-5-5, fable-5…), and for the bare aliases, which 2.1.332 resolves to that family (and
 * for names it does not know, which may be anything); else 200k, the window 2.1.197 reports
 * (`contextWindow: 200000`) for every 4.x model without the marker.
 */
export function claudeContextWindow(model: string): number {
  const name = stripContextMarker(model).toLowerCase();
  if (name !== model.toLowerCase()) return 1_000_000;
  if (/^claude-[a-z]+-4(-|$)/.test(name)) return 200_000;
  return 1_000_000;
}
