import type { PriceTable } from "@llmc/core";

/**
 * OpenAI list prices (Standard tier), USD per million tokens, and each model's output ceiling.
 * - `cachedInputPerMTok` is the prompt-cache read rate. The models listed here bill cache writes
 *   as ordinary input, so no write rate is set (core then uses the input rate).
 * - Reasoning tokens are billed as output: no separate rate.
 * - `longContext`: gpt-5.4 and gpt-5.5 charge 2× input and 1.5× output once a prompt passes
 *   272K tokens.
 * - Not covered: Batch/Flex (cheaper) and Priority (dearer) tiers, audio, search and tools. This
 *   adapter never asks for them; a project whose default tier is Priority must pass `prices`.
 * - Left out on purpose, so a budgeted call on them fails closed until you pass `prices`:
 *   gpt-5.6-sol/-terra/-luna and the gpt-6.x models. Their rates moved several times since July
 *   2026 (a gpt-5.6-sol promotion "through at least 2026-11-21", Terra/Luna cuts on 2026-07-30)
 *   and they bill cache writes above the input rate; the sources below disagree on today's
 *   numbers and none of them is OpenAI's page read today. Core can charge a cache-write rate
 *   (`cacheWritePerMTok`, fed by `prompt_tokens_details.cache_write_tokens`), so they can be
 *   added once the rates are read from OpenAI's page. gpt-5.4-pro/gpt-5.5-pro ($30 / $180) are
 *   not added either: OpenAI serves the -pro models on the Responses API only.
 * Override or add models with the adapter's `prices` option; a dated snapshot name
 * (`gpt-4o-mini-2024-07-18`) finds its base model here.
 *
 * Sources, read 2026-12-01 (OpenAI's own page was not reachable from here; every row below was
 * matched against at least two transcriptions of it):
 * - "Pricing" — OpenAI API, https://developers.openai.com/api/docs/pricing, as transcribed in
 *   "OpenAI API Pricing: What Every Model Costs Per Million Tokens" (API Evangelist, page read by
 *   its author on 2026-11-05) and in the unified-llm-pricing data set (fetched 2026-09-13).
 * - "OpenAI API Cost 2026: GPT-5.5, 5.4, Nano, 50% Batch Savings" (TokenMix, data verified
 *   2026-06-04) for the gpt-5.4/5.5 rows and the > 272K tier.
 * - PromptFuel release notes v1.0.17–v1.0.24 (2026-08-25 to 2026-10-27) for the gpt-5.6/6.x
 *   price changes that keep those models out.
 * - The previous check (2026-09-23) against @pydantic/genai-prices 0.1.8: no row changed since.
 */
export const OPENAI_PRICES_AS_OF = "2026-12-01";

export const openAIPriceTable: PriceTable = {
  provider: "openai",
  asOf: OPENAI_PRICES_AS_OF,
  source:
    "https://developers.openai.com/api/docs/pricing (Standard tier) and " +
    "https://platform.openai.com/docs/models, re-checked 2026-12-01 against transcriptions of " +
    "that page; gpt-5.6/6.x left out (rates in flux)",
  models: {
    "gpt-4o": {
      inputPerMTok: 2.5,
      cachedInputPerMTok: 1.25,
      outputPerMTok: 10,
      maxOutputTokens: 16_384,
    },
    "gpt-4o-mini": {
      inputPerMTok: 0.15,
      cachedInputPerMTok: 0.075,
      outputPerMTok: 0.6,
      maxOutputTokens: 16_384,
    },
    "gpt-4.1": {
      inputPerMTok: 2,
      cachedInputPerMTok: 0.5,
      outputPerMTok: 8,
      maxOutputTokens: 32_768,
    },
    "gpt-4.1-mini": {
      inputPerMTok: 0.4,
      cachedInputPerMTok: 0.1,
      outputPerMTok: 1.6,
      maxOutputTokens: 32_768,
    },
    "gpt-4.1-nano": {
      inputPerMTok: 0.1,
      cachedInputPerMTok: 0.025,
      outputPerMTok: 0.4,
      maxOutputTokens: 32_768,
    },
    o1: { inputPerMTok: 15, cachedInputPerMTok: 7.5, outputPerMTok: 60, maxOutputTokens: 100_000 },
    o3: { inputPerMTok: 2, cachedInputPerMTok: 0.5, outputPerMTok: 8, maxOutputTokens: 100_000 },
    "o3-mini": {
      inputPerMTok: 1.1,
      cachedInputPerMTok: 0.55,
      outputPerMTok: 4.4,
      maxOutputTokens: 100_000,
    },
    "o3-pro": { inputPerMTok: 20, outputPerMTok: 80, maxOutputTokens: 100_000 },
    "o4-mini": {
      inputPerMTok: 1.1,
      cachedInputPerMTok: 0.275,
      outputPerMTok: 4.4,
      maxOutputTokens: 100_000,
    },
    "gpt-5": {
      inputPerMTok: 1.25,
      cachedInputPerMTok: 0.125,
      outputPerMTok: 10,
      maxOutputTokens: 128_000,
    },
    "gpt-5-mini": {
      inputPerMTok: 0.25,
      cachedInputPerMTok: 0.025,
      outputPerMTok: 2,
      maxOutputTokens: 128_000,
    },
    "gpt-5-nano": {
      inputPerMTok: 0.05,
      cachedInputPerMTok: 0.005,
      outputPerMTok: 0.4,
      maxOutputTokens: 128_000,
    },
    "gpt-5.1": {
      inputPerMTok: 1.25,
      cachedInputPerMTok: 0.125,
      outputPerMTok: 10,
      maxOutputTokens: 128_000,
    },
    "gpt-5.2": {
      inputPerMTok: 1.75,
      cachedInputPerMTok: 0.175,
      outputPerMTok: 14,
      maxOutputTokens: 128_000,
    },
    "gpt-5.4": {
      inputPerMTok: 2.5,
      cachedInputPerMTok: 0.25,
      outputPerMTok: 15,
      maxOutputTokens: 128_000,
      longContext: {
        thresholdTokens: 272_000,
        inputPerMTok: 5,
        cachedInputPerMTok: 0.5,
        outputPerMTok: 22.5,
      },
    },
    "gpt-5.4-mini": {
      inputPerMTok: 0.75,
      cachedInputPerMTok: 0.075,
      outputPerMTok: 4.5,
      maxOutputTokens: 128_000,
    },
    "gpt-5.4-nano": {
      inputPerMTok: 0.2,
      cachedInputPerMTok: 0.02,
      outputPerMTok: 1.25,
      maxOutputTokens: 128_000,
    },
    "gpt-5.5": {
      inputPerMTok: 5,
      cachedInputPerMTok: 0.5,
      outputPerMTok: 30,
      maxOutputTokens: 128_000,
      longContext: {
        thresholdTokens: 272_000,
        inputPerMTok: 10,
        cachedInputPerMTok: 1,
        outputPerMTok: 45,
      },
    },
  },
};
