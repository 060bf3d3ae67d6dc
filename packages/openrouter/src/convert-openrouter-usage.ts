import type { Usage } from "@llmc/core";
import type { OpenRouterUsage } from "./openrouter-chat-api.js";

/**
 * OpenRouter counts like OpenAI: `prompt_tokens` includes `cached_tokens` and
 * `cache_write_tokens`, `completion_tokens` includes `reasoning_tokens`. The totals map one to
 * one; the details become the breakdowns, kept only when reported.
 */
export function convertOpenRouterUsage(usage: OpenRouterUsage): Usage {
  const cached = usage.prompt_tokens_details?.cached_tokens;
  const cacheWrite = usage.prompt_tokens_details?.cache_write_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens ?? usage.prompt_tokens + usage.completion_tokens,
    ...(typeof cached === "number" ? { cachedInputTokens: cached } : {}),
    ...(typeof cacheWrite === "number" ? { cacheWriteTokens: cacheWrite } : {}),
    ...(typeof reasoning === "number" ? { reasoningTokens: reasoning } : {}),
  };
}

/**
 * What the call cost you, in USD, from OpenRouter's own bill: `usage.cost`. With your own
 * upstream key (BYOK) `cost` is only OpenRouter's fee and the upstream bills your key
 * `cost_details.upstream_inference_cost` on top, so the two are added. `undefined` when
 * OpenRouter sent no cost (core then prices the usage from the table).
 */
export function openRouterCostUsd(usage: OpenRouterUsage): number | undefined {
  if (typeof usage.cost !== "number") return undefined;
  const upstream = usage.is_byok ? (usage.cost_details?.upstream_inference_cost ?? 0) : 0;
  return usage.cost + upstream;
}
