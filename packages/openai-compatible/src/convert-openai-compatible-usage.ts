import type { Usage } from "@llmc/core/adapter";
import type { WireObject, WireReader } from "./wire-reader.js";

/**
 * Chat Completions `usage`, as OpenAI defined it and most compatible servers copy it:
 * `prompt_tokens` includes cached (and cache-write) tokens, `completion_tokens` includes
 * reasoning tokens.
 */
export interface ChatCompletionsUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens?: number | null | undefined;
  readonly prompt_tokens_details?:
    | {
        readonly cached_tokens?: number | null | undefined;
        readonly cache_write_tokens?: number | null | undefined;
      }
    | null
    | undefined;
  readonly completion_tokens_details?:
    | { readonly reasoning_tokens?: number | null | undefined }
    | null
    | undefined;
}

/**
 * OpenAI already counts the way core does, so the totals map one to one and the details
 * become the breakdowns, kept only when the server reported them (0 included).
 */
export function convertChatCompletionsUsage(usage: ChatCompletionsUsage): Usage {
  return toUsage(
    usage.prompt_tokens,
    usage.completion_tokens,
    usage.total_tokens ?? undefined,
    usage.prompt_tokens_details?.cached_tokens ?? undefined,
    usage.prompt_tokens_details?.cache_write_tokens ?? undefined,
    usage.completion_tokens_details?.reasoning_tokens ?? undefined,
  );
}

/**
 * Reads and converts a wire `usage` object in one pass (no intermediate copy: it runs on
 * every call). Usage is what the call is charged from, so both totals must be counts; a
 * breakdown of the wrong type makes the whole value unreadable.
 */
export function readChatCompletionsUsage(usage: WireObject, reader: WireReader): Usage | undefined {
  const prompt = reader.require(
    reader.count(usage.prompt_tokens, "usage.prompt_tokens"),
    "usage.prompt_tokens",
  );
  const completion = reader.require(
    reader.count(usage.completion_tokens, "usage.completion_tokens"),
    "usage.completion_tokens",
  );
  if (prompt === undefined || completion === undefined) return undefined;
  const promptDetails = reader.record(usage.prompt_tokens_details, "usage.prompt_tokens_details");
  const completionDetails = reader.record(
    usage.completion_tokens_details,
    "usage.completion_tokens_details",
  );
  return toUsage(
    prompt,
    completion,
    reader.count(usage.total_tokens, "usage.total_tokens"),
    promptDetails && reader.count(promptDetails.cached_tokens, "usage.cached_tokens"),
    promptDetails && reader.count(promptDetails.cache_write_tokens, "usage.cache_write_tokens"),
    completionDetails && reader.count(completionDetails.reasoning_tokens, "usage.reasoning_tokens"),
  );
}

/** Core's `Usage`, with each breakdown present only when it was reported. */
export function toUsage(
  inputTokens: number,
  outputTokens: number,
  totalTokens: number | undefined,
  cachedInputTokens: number | undefined,
  cacheWriteTokens: number | undefined,
  reasoningTokens: number | undefined,
): Usage {
  const usage: {
    inputTokens: number;
    outputTokens: number;
    totalTokens: number;
    cachedInputTokens?: number;
    cacheWriteTokens?: number;
    reasoningTokens?: number;
  } = { inputTokens, outputTokens, totalTokens: totalTokens ?? inputTokens + outputTokens };
  if (cachedInputTokens !== undefined) usage.cachedInputTokens = cachedInputTokens;
  if (cacheWriteTokens !== undefined) usage.cacheWriteTokens = cacheWriteTokens;
  if (reasoningTokens !== undefined) usage.reasoningTokens = reasoningTokens;
  return usage;
}
