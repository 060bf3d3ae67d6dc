import type { ResolvedUsage } from "../resolve-reply.js";

/** Default price when a step gives no `costUsd`: $1 per million input, $2 per million output. */
export const OPENROUTER_DEFAULT_INPUT_USD_PER_TOKEN = 1e-6;
export const OPENROUTER_DEFAULT_OUTPUT_USD_PER_TOKEN = 2e-6;

/** Rounds away float noise (1e-12 USD is far below any real price step). */
function roundUsd(value: number): number {
  return Math.round(value * 1e12) / 1e12;
}

/**
 * OpenRouter `usage`: the OpenAI fields plus `cost` (always returned today, whether or not
 * the deprecated `usage: { include: true }` was sent), `is_byok` and `cost_details`, shaped
 * like `openrouter-chat.nonstream.cost-cached.json`.
 */
export function toOpenRouterUsage(usage: ResolvedUsage, costUsd?: number): Record<string, unknown> {
  const promptCost = usage.inputTokens * OPENROUTER_DEFAULT_INPUT_USD_PER_TOKEN;
  const completionCost = usage.outputTokens * OPENROUTER_DEFAULT_OUTPUT_USD_PER_TOKEN;
  const defaultCost = promptCost + completionCost;
  const cost = roundUsd(costUsd ?? defaultCost);
  // Split a scripted cost in the default price's proportions, so the parts add up to it.
  const promptShare = defaultCost > 0 ? promptCost / defaultCost : 0;
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    cost,
    is_byok: false,
    prompt_tokens_details: {
      cached_tokens: usage.cachedInputTokens,
      cache_write_tokens: usage.cacheWriteTokens,
      audio_tokens: 0,
      video_tokens: 0,
    },
    cost_details: {
      upstream_inference_cost: cost,
      upstream_inference_prompt_cost: roundUsd(cost * promptShare),
      upstream_inference_completions_cost: roundUsd(cost - cost * promptShare),
    },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      image_tokens: 0,
      audio_tokens: 0,
    },
  };
}
