import type { Usage } from "@llmc/core";

/** The `usageMetadata` fields read here (SDK type `GenerateContentResponseUsageMetadata`). */
export interface GeminiUsageMetadata {
  readonly promptTokenCount?: number | null;
  readonly cachedContentTokenCount?: number | null;
  readonly candidatesTokenCount?: number | null;
  readonly thoughtsTokenCount?: number | null;
  readonly toolUsePromptTokenCount?: number | null;
  readonly totalTokenCount?: number | null;
}

/**
 * Gemini usage in core terms:
 * - `promptTokenCount` already includes `cachedContentTokenCount`; tool-use prompt tokens are
 *   counted apart and added.
 * - `candidatesTokenCount` excludes `thoughtsTokenCount`, yet thoughts are billed as output, so
 *   output = candidates + thoughts and reasoning = thoughts.
 * - `totalTokenCount` = prompt + candidates + thoughts + tool-use prompt.
 * Returns undefined when the response carried no usage at all.
 */
export function convertGeminiUsage(
  metadata: GeminiUsageMetadata | null | undefined,
): Usage | undefined {
  if (!metadata) return undefined;
  const prompt = metadata.promptTokenCount ?? 0;
  const toolUsePrompt = metadata.toolUsePromptTokenCount ?? 0;
  const candidates = metadata.candidatesTokenCount ?? 0;
  const thoughts = metadata.thoughtsTokenCount ?? 0;
  const inputTokens = prompt + toolUsePrompt;
  const outputTokens = candidates + thoughts;
  return {
    inputTokens,
    outputTokens,
    totalTokens: metadata.totalTokenCount ?? inputTokens + outputTokens,
    ...(metadata.cachedContentTokenCount != null
      ? { cachedInputTokens: metadata.cachedContentTokenCount }
      : {}),
    ...(metadata.thoughtsTokenCount != null ? { reasoningTokens: thoughts } : {}),
  };
}
