import type { Usage } from "@llmc/core";
import type { ClaudeResult } from "./claude-output.js";

/**
 * The call's usage in core terms. `modelUsage` (per model, summed over every turn and side
 * call) is preferred over `usage`: after a cut stream the CLI retries without streaming and
 * reports `usage` as all zeros while `modelUsage` is right. Anthropic's `input_tokens` counts
 * only uncached input, so the total adds cache writes and cache reads.
 */
export function convertClaudeUsage(result: ClaudeResult): Usage {
  const perModel = Object.values(result.modelUsage ?? {});
  let uncached = 0;
  let cacheWrite = 0;
  let cacheRead = 0;
  let output = 0;
  if (perModel.length > 0) {
    for (const entry of perModel) {
      uncached += entry.inputTokens ?? 0;
      cacheWrite += entry.cacheCreationInputTokens ?? 0;
      cacheRead += entry.cacheReadInputTokens ?? 0;
      output += entry.outputTokens ?? 0;
    }
  } else if (result.usage) {
    uncached = result.usage.input_tokens ?? 0;
    cacheWrite = result.usage.cache_creation_input_tokens ?? 0;
    cacheRead = result.usage.cache_read_input_tokens ?? 0;
    output = result.usage.output_tokens ?? 0;
  }
  const inputTokens = uncached + cacheWrite + cacheRead;
  return {
    inputTokens,
    outputTokens: output,
    totalTokens: inputTokens + output,
    cachedInputTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
  };
}

/** The model that did most of the work: the `modelUsage` entry that cost the most. */
export function mainClaudeModel(result: ClaudeResult): string | undefined {
  let best: { model: string; cost: number } | undefined;
  for (const [model, entry] of Object.entries(result.modelUsage ?? {})) {
    const cost = entry.costUSD ?? 0;
    if (!best || cost > best.cost) best = { model, cost };
  }
  return best?.model;
}
