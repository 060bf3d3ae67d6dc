import type { ResolvedUsage } from "../resolve-reply.js";

/**
 * OpenAI `usage`: `prompt_tokens` includes `cached_tokens`, `completion_tokens` includes
 * `reasoning_tokens` — the same totals as `SimulatorUsage`, so no arithmetic is needed.
 * `cache_write_tokens` appears only in newer recordings; it is sent when non-zero.
 */
export function toOpenAIUsage(usage: ResolvedUsage): Record<string, unknown> {
  const promptDetails: Record<string, number> = {
    cached_tokens: usage.cachedInputTokens,
    audio_tokens: 0,
  };
  if (usage.cacheWriteTokens > 0) promptDetails.cache_write_tokens = usage.cacheWriteTokens;
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: promptDetails,
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
