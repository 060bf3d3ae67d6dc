import type { PriceTable } from "@llmc/core";

/**
 * OpenRouter list prices of popular slugs, USD per million tokens, used ONLY to reserve a
 * call's worst case before it is sent. What a call is charged is OpenRouter's own bill,
 * `usage.cost` (costSource "provider"); this table prices usage only if a response lacks it.
 *
 * Only models served at one list price by every upstream (each vendor's own models, resold
 * at the vendor's price) are listed. Open-weight models are priced differently by each host;
 * pass `prices` for them (and consider `provider.max_price`, which makes OpenRouter refuse
 * dearer hosts). Long-context tiers are included so the worst case really is the worst case.
 * Cache writes are priced at the 5-minute rate (1.25× input on Anthropic models).
 *
 * Sources, read 2026-12-01:
 * - OpenRouter's model pages, https://openrouter.ai/<slug>: "Anthropic: Claude Sonnet 4.5"
 *   (starting at $3 / $15, 1M context), "Google: Gemini 2.5 Flash" ($0.30 / $2.50),
 *   "Google: Gemini 2.5 Flash Lite" ($0.10 / $0.40), "OpenAI: GPT-5.4 Pro" (listed, so the
 *   GPT-5.4 line is on OpenRouter) and "Auto Router" (lists the openai/gpt-5.x and
 *   anthropic/claude-*-4.x slugs in service).
 * - "Claude Opus 4.6" — Claude Docs model page,
 *   https://platform.claude.com/docs/en/models/opus-4-6/overview ($5 / $25, 128K max output).
 * - For the OpenAI and Google input/output rates, the vendors' pages as re-checked for
 *   `openAIPriceTable` and `GEMINI_PRICES` on the same day (OpenRouter resells them at list).
 *   The Google cache rates are OpenRouter's own listing from the 2026-09-23 check, not re-read:
 *   they are above Google's current ones, which can only make a fallback charge dearer.
 * - The previous check (2026-09-23) against @pydantic/genai-prices 0.1.8.
 */
export const OPENROUTER_PRICES_AS_OF = "2026-12-01";

export const openRouterPriceTable: PriceTable = {
  provider: "openrouter",
  asOf: OPENROUTER_PRICES_AS_OF,
  source:
    "https://openrouter.ai/models (each model's page), re-checked 2026-12-01; OpenAI, Anthropic " +
    "and Google input/output rates match those vendors' list prices",
  models: {
    "openai/gpt-4o": {
      inputPerMTok: 2.5,
      cachedInputPerMTok: 1.25,
      outputPerMTok: 10,
      maxOutputTokens: 16_384,
    },
    "openai/gpt-4o-mini": {
      inputPerMTok: 0.15,
      cachedInputPerMTok: 0.075,
      outputPerMTok: 0.6,
      maxOutputTokens: 16_384,
    },
    "openai/gpt-4.1": {
      inputPerMTok: 2,
      cachedInputPerMTok: 0.5,
      outputPerMTok: 8,
      maxOutputTokens: 32_768,
    },
    "openai/gpt-4.1-mini": {
      inputPerMTok: 0.4,
      cachedInputPerMTok: 0.1,
      outputPerMTok: 1.6,
      maxOutputTokens: 32_768,
    },
    "openai/gpt-5": {
      inputPerMTok: 1.25,
      cachedInputPerMTok: 0.125,
      outputPerMTok: 10,
      maxOutputTokens: 128_000,
    },
    "openai/gpt-5-mini": {
      inputPerMTok: 0.25,
      cachedInputPerMTok: 0.025,
      outputPerMTok: 2,
      maxOutputTokens: 128_000,
    },
    "openai/gpt-5.4": {
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
    "openai/o4-mini": {
      inputPerMTok: 1.1,
      cachedInputPerMTok: 0.275,
      outputPerMTok: 4.4,
      maxOutputTokens: 100_000,
    },
    "anthropic/claude-sonnet-4.5": {
      inputPerMTok: 3,
      cachedInputPerMTok: 0.3,
      cacheWritePerMTok: 3.75,
      outputPerMTok: 15,
      maxOutputTokens: 64_000,
      longContext: {
        thresholdTokens: 200_000,
        inputPerMTok: 6,
        cachedInputPerMTok: 0.6,
        cacheWritePerMTok: 7.5,
        outputPerMTok: 22.5,
      },
    },
    "anthropic/claude-haiku-4.5": {
      inputPerMTok: 1,
      cachedInputPerMTok: 0.1,
      cacheWritePerMTok: 1.25,
      outputPerMTok: 5,
      maxOutputTokens: 64_000,
    },
    "anthropic/claude-opus-4.5": {
      inputPerMTok: 5,
      cachedInputPerMTok: 0.5,
      cacheWritePerMTok: 6.25,
      outputPerMTok: 25,
      maxOutputTokens: 64_000,
    },
    "anthropic/claude-opus-4.6": {
      inputPerMTok: 5,
      cachedInputPerMTok: 0.5,
      cacheWritePerMTok: 6.25,
      outputPerMTok: 25,
      maxOutputTokens: 128_000,
    },
    "google/gemini-2.5-flash": {
      inputPerMTok: 0.3,
      cachedInputPerMTok: 0.075,
      cacheWritePerMTok: 0.3833,
      outputPerMTok: 2.5,
      maxOutputTokens: 65_535,
    },
    "google/gemini-2.5-flash-lite": {
      inputPerMTok: 0.1,
      cachedInputPerMTok: 0.01,
      outputPerMTok: 0.4,
      maxOutputTokens: 65_535,
    },
    "google/gemini-2.5-pro": {
      inputPerMTok: 1.25,
      cachedInputPerMTok: 0.31,
      cacheWritePerMTok: 1.625,
      outputPerMTok: 10,
      maxOutputTokens: 65_536,
      longContext: {
        thresholdTokens: 200_000,
        inputPerMTok: 2.5,
        cachedInputPerMTok: 0.625,
        cacheWritePerMTok: 2.875,
        outputPerMTok: 15,
      },
    },
  },
};
