import { bareGeminiModelName } from "./gemini-model-name.js";

/**
 * The most thinking tokens a model spends when the caller leaves `thinkingBudget` unset (or -1,
 * "dynamic"): the top of each model's documented `thinkingBudget` range
 * (ai.google.dev/gemini-api/docs/thinking). 0 marks models that do not think.
 * Models missing here (Gemini 3 documents no budget range) are assumed to be able to think up to
 * their whole output ceiling.
 */
export const GEMINI_MAX_THINKING_TOKENS: Readonly<Record<string, number>> = {
  "gemini-2.5-pro": 32_768,
  "gemini-2.5-flash": 24_576,
  "gemini-2.5-flash-lite": 24_576,
  "gemini-2.0-flash": 0,
  "gemini-2.0-flash-lite": 0,
};

export function maxThinkingTokensFor(model: string): number | undefined {
  const name = bareGeminiModelName(model);
  return Object.hasOwn(GEMINI_MAX_THINKING_TOKENS, name)
    ? GEMINI_MAX_THINKING_TOKENS[name]
    : undefined;
}
