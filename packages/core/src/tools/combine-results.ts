import type { LLMResult } from "../adapter/llm-result.js";
import type { Usage } from "../adapter/usage.js";

type Charged = Omit<LLMResult, "toolCalls" | "object" | "repairs">;

function addOptional(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

function addUsage(a: Usage, b: Usage): Usage {
  const usage: Record<string, number> = {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
  for (const key of ["cachedInputTokens", "cacheWriteTokens", "reasoningTokens"] as const) {
    const sum = addOptional(a[key], b[key]);
    if (sum !== undefined) usage[key] = sum;
  }
  return usage as unknown as Usage;
}

/**
 * The result of a call and the repairs before it, as one: text, tool calls, object, model and
 * metadata of the last (valid) answer; usage, cost and attempts of all of them, since all were
 * billed; the cost's source the least certain one among them; the duration from the start.
 */
export function combineResults(
  earlier: readonly Charged[],
  last: Charged & Pick<LLMResult, "toolCalls" | "object"> & { readonly startedAt: number },
): LLMResult {
  const { startedAt, ...result } = last;
  const durationMs = performance.now() - startedAt;
  if (earlier.length === 0) return { ...result, repairs: 0, durationMs };
  let { usage, costUsd, attempts, costSource } = result;
  for (const before of earlier) {
    usage = addUsage(before.usage, usage);
    costUsd =
      costUsd === undefined || before.costUsd === undefined ? undefined : before.costUsd + costUsd;
    attempts += before.attempts;
    if (before.costSource === "unknown" || costUsd === undefined) costSource = "unknown";
    else if (before.costSource === "reservation" && costSource !== "unknown")
      costSource = "reservation";
    else if (before.costSource === "price-table" && costSource === "provider")
      costSource = "price-table";
  }
  return { ...result, usage, costUsd, costSource, attempts, repairs: earlier.length, durationMs };
}
