import type { ModelPrice, PriceTable } from "@llmc/core";

/**
 * Gemini Developer API prices, Standard (paid) tier, USD per million tokens. Input rates are the
 * text/image/video ones (this adapter sends text only; audio input costs more). Thinking tokens
 * are billed at the output rate, which is why no `reasoningPerMTok` is set. Cached input is
 * Gemini's context-caching read rate (implicit and explicit caches alike; storage is billed
 * separately by the hour and is not counted here).
 *
 * Not listed on purpose: models on introductory pricing (gemini-3.6/3.7/3.8-flash: $0.75 in /
 * $3.75 out through 2026-12-31, then $1.50 / $7.50), since one table cannot both reserve and
 * charge honestly across the change; pass `prices` for them (a budgeted call without a price
 * fails closed).
 *
 * Override or extend with the adapter's `prices` option when Google changes them.
 */
export const GEMINI_PRICES_AS_OF = "2026-12-01";

export const geminiPriceTable: PriceTable = {
  provider: "gemini",
  asOf: GEMINI_PRICES_AS_OF,
  source:
    "https://ai.google.dev/gemini-api/docs/pricing (Standard tier, text/image/video input), " +
    "re-checked 2026-12-01 against models.dev's per-model transcriptions of that page",
  models: {
    "gemini-3.5-flash": {
      inputPerMTok: 1.5,
      outputPerMTok: 9,
      cachedInputPerMTok: 0.15,
      maxOutputTokens: 65_536,
    },
    "gemini-3.1-pro-preview": {
      inputPerMTok: 2,
      outputPerMTok: 12,
      cachedInputPerMTok: 0.2,
      maxOutputTokens: 65_536,
      longContext: {
        thresholdTokens: 200_000,
        inputPerMTok: 4,
        outputPerMTok: 18,
        cachedInputPerMTok: 0.4,
      },
    },
    "gemini-3.1-flash-lite": {
      inputPerMTok: 0.25,
      outputPerMTok: 1.5,
      cachedInputPerMTok: 0.025,
      maxOutputTokens: 65_536,
    },
    "gemini-3-flash-preview": {
      inputPerMTok: 0.5,
      outputPerMTok: 3,
      cachedInputPerMTok: 0.05,
      maxOutputTokens: 65_536,
    },
    "gemini-3-pro-preview": {
      inputPerMTok: 2,
      outputPerMTok: 12,
      cachedInputPerMTok: 0.2,
      maxOutputTokens: 65_536,
      // "Prompts > 200k tokens" are billed at the higher tier, output included.
      longContext: {
        thresholdTokens: 200_000,
        inputPerMTok: 4,
        outputPerMTok: 18,
        cachedInputPerMTok: 0.4,
      },
    },
    "gemini-2.5-pro": {
      inputPerMTok: 1.25,
      outputPerMTok: 10,
      cachedInputPerMTok: 0.125,
      maxOutputTokens: 65_536,
      longContext: {
        thresholdTokens: 200_000,
        inputPerMTok: 2.5,
        outputPerMTok: 15,
        cachedInputPerMTok: 0.25,
      },
    },
    "gemini-2.5-flash": {
      inputPerMTok: 0.3,
      outputPerMTok: 2.5,
      cachedInputPerMTok: 0.03,
      maxOutputTokens: 65_536,
    },
    "gemini-2.5-flash-lite": {
      inputPerMTok: 0.1,
      outputPerMTok: 0.4,
      cachedInputPerMTok: 0.01,
      maxOutputTokens: 65_536,
    },
    "gemini-2.0-flash": {
      inputPerMTok: 0.1,
      outputPerMTok: 0.4,
      cachedInputPerMTok: 0.025,
      maxOutputTokens: 8_192,
    },
    "gemini-2.0-flash-lite": {
      inputPerMTok: 0.075,
      outputPerMTok: 0.3,
      maxOutputTokens: 8_192,
    },
  } satisfies Record<string, ModelPrice>,
};

/** @deprecated The old name of {@link geminiPriceTable} (siblings: `openAIPriceTable`, …). */
export const GEMINI_PRICES: PriceTable = geminiPriceTable;
