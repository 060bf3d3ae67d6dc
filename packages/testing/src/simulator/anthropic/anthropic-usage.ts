import type { ResolvedUsage } from "../resolve-reply.js";

/**
 * Anthropic `usage`: `input_tokens` counts **only uncached** input; the total is
 * `input_tokens + cache_creation_input_tokens + cache_read_input_tokens` (as vercel/ai's
 * convert-anthropic-usage.ts reads it). `output_tokens` includes thinking tokens.
 */
export function toAnthropicUsage(
  usage: ResolvedUsage,
  outputTokens = usage.outputTokens,
): Record<string, unknown> {
  return {
    input_tokens: uncachedInputTokens(usage),
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cachedInputTokens,
    cache_creation: {
      ephemeral_5m_input_tokens: usage.cacheWriteTokens,
      ephemeral_1h_input_tokens: 0,
    },
    output_tokens: outputTokens,
    service_tier: "standard",
    inference_geo: "not_available",
  };
}

export function uncachedInputTokens(usage: ResolvedUsage): number {
  return Math.max(0, usage.inputTokens - usage.cachedInputTokens - usage.cacheWriteTokens);
}
