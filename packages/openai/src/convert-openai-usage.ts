import type { Usage } from "@llmc/core";
import type { OpenAIUsage } from "./openai-chat-api.js";

/**
 * OpenAI already counts the way core does: `prompt_tokens` includes `cached_tokens` (and
 * `cache_write_tokens`), `completion_tokens` includes `reasoning_tokens`. So the totals map
 * one to one and the details become the breakdowns, kept only when OpenAI reported them.
 */
export function convertOpenAIUsage(usage: OpenAIUsage): Usage {
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
