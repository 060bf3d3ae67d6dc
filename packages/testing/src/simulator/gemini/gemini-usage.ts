import type { ResolvedUsage } from "../resolve-reply.js";

/**
 * Gemini `usageMetadata`: `promptTokenCount` includes `cachedContentTokenCount`;
 * `candidatesTokenCount` **excludes** `thoughtsTokenCount`; `totalTokenCount` is
 * prompt + candidates + thoughts (both recorded fixtures add up that way).
 * `candidatesOverride` gives a partial-stream snapshot.
 */
export function toGeminiUsage(
  usage: ResolvedUsage,
  candidatesOverride?: number,
): Record<string, unknown> {
  const thoughts = Math.min(usage.reasoningTokens, usage.outputTokens);
  const candidates = candidatesOverride ?? usage.outputTokens - thoughts;
  const metadata: Record<string, unknown> = {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: candidates,
    totalTokenCount: usage.inputTokens + candidates + thoughts,
    promptTokensDetails: [{ modality: "TEXT", tokenCount: usage.inputTokens }],
  };
  if (thoughts > 0) metadata.thoughtsTokenCount = thoughts;
  if (usage.cachedInputTokens > 0) {
    metadata.cachedContentTokenCount = usage.cachedInputTokens;
    metadata.cacheTokensDetails = [{ modality: "TEXT", tokenCount: usage.cachedInputTokens }];
  }
  return metadata;
}
