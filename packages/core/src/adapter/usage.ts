/**
 * Token counts for one call, normalised across providers:
 * - `inputTokens` is every prompt token, cached or not (OpenAI `prompt_tokens`, Gemini
 *   `promptTokenCount`, Anthropic `input_tokens + cache_creation + cache_read`).
 * - `outputTokens` is every generated token billed as output, reasoning included (OpenAI
 *   `completion_tokens`; Gemini `candidatesTokenCount + thoughtsTokenCount`).
 * - the optional fields are breakdowns *inside* those two totals, present when reported.
 */
export interface Usage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
  /** Input tokens read from a prompt cache (part of `inputTokens`). */
  readonly cachedInputTokens?: number | undefined;
  /** Input tokens written to a prompt cache (part of `inputTokens`). */
  readonly cacheWriteTokens?: number | undefined;
  /** Reasoning/thinking tokens (part of `outputTokens`). */
  readonly reasoningTokens?: number | undefined;
}

export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
}
