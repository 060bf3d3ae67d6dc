import type { PriceTable } from "@llmc/core";

/**
 * OpenAI list prices (Standard tier), USD per million tokens, and each model's output ceiling.
 * - `cachedInputPerMTok` is the prompt-cache read rate. OpenAI bills cache writes as ordinary
 *   input, so no write rate is set (core then uses the input rate).
 * - Reasoning tokens are billed as output: no separate rate.
 * - `longContext`: gpt-5.4 and gpt-5.5 charge 2× input and 1.5× output once a prompt passes
 *   272K tokens.
 * - Not covered: Batch/Flex (cheaper) and Priority (dearer) tiers, audio, search and tools. This
 *   adapter never asks for them; a project whose default tier is Priority must pass `prices`.
 * Override or add models with the adapter's `prices` option; a dated snapshot name
 * (`gpt-4o-mini-2024-07-18`) finds its base model here.
 */
export const openAIPriceTable: PriceTable = {
  provider: "openai",
  asOf: "2026-09-23",
  source:
    "https://openai.com/api/pricing and https://platform.openai.com/docs/models, " +
    "cross-checked against @pydantic/genai-prices 0.1.8 (data of 2026-09-23)",
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
