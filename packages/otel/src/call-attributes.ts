import type { CallTelemetryContext, LLMResult, Usage } from "@llmc/core";
import type { Attributes } from "@opentelemetry/api";
import { genAiProviderName } from "./provider-name.js";

/**
 * Span attributes of one call. Names follow the OpenTelemetry GenAI semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/); cost follows the open
 * proposal `gen_ai.usage.cost.*` (open-telemetry/semantic-conventions-genai#443, which implements
 * #287); what the conventions have no name for is under `llmc.`.
 */

/** Known before the call runs: on the span from its start, so samplers can see them. */
export function requestAttributes(call: CallTelemetryContext): Attributes {
  const attributes: Attributes = {
    "gen_ai.operation.name": "chat",
    "gen_ai.provider.name": genAiProviderName(call.provider),
    "gen_ai.request.model": call.model,
    "llmc.provider": call.provider,
    // Joins the span to the call's rows in the spend ledger (their `callId`).
    "llmc.call.id": call.callId,
    "llmc.stream": call.stream,
  };
  if (call.maxOutputTokens !== undefined)
    attributes["gen_ai.request.max_tokens"] = call.maxOutputTokens;
  if (call.temperature !== undefined) attributes["gen_ai.request.temperature"] = call.temperature;
  const budget = call.budgetTracker;
  if (budget) {
    // Root first, like a file path: ["job-42", "researcher"]. A budget without a name shows its id.
    const path: string[] = [];
    for (let node: typeof budget | undefined = budget; node; node = node.parent) {
      path.unshift(node.name ?? node.id);
    }
    attributes["llmc.budget.path"] = path;
    attributes["llmc.budget.id"] = budget.id;
    if (call.reservedUsd !== undefined) attributes["llmc.budget.reserved"] = call.reservedUsd;
  }
  for (const [key, value] of Object.entries(call.metadata ?? {})) {
    // Only what an attribute can hold; objects would be high-cardinality blobs anyway.
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      attributes[`llmc.metadata.${key}`] = value;
  }
  return attributes;
}

export function usageAttributes(usage: Usage | undefined): Attributes {
  if (!usage) return {};
  const attributes: Attributes = {
    "gen_ai.usage.input_tokens": usage.inputTokens,
    "gen_ai.usage.output_tokens": usage.outputTokens,
  };
  // Breakdowns inside the two totals, as in core's Usage and the conventions alike.
  if (usage.cachedInputTokens !== undefined)
    attributes["gen_ai.usage.cache_read.input_tokens"] = usage.cachedInputTokens;
  if (usage.cacheWriteTokens !== undefined)
    attributes["gen_ai.usage.cache_creation.input_tokens"] = usage.cacheWriteTokens;
  if (usage.reasoningTokens !== undefined)
    attributes["gen_ai.usage.reasoning.output_tokens"] = usage.reasoningTokens;
  return attributes;
}

/** What the answer said: model, finish reason, tokens, cost and where the cost came from. */
export function resultAttributes(result: LLMResult): Attributes {
  const attributes: Attributes = {
    "gen_ai.response.model": result.model,
    "gen_ai.response.finish_reasons": [result.finishReason.raw ?? result.finishReason.kind],
    "llmc.finish_reason": result.finishReason.kind,
    "llmc.attempts": result.attempts,
    "llmc.cost.source": result.costSource,
    ...usageAttributes(result.usage),
  };
  const id = result.providerMetadata.id ?? result.providerMetadata.responseId;
  if (typeof id === "string") attributes["gen_ai.response.id"] = id;
  if (result.costUsd !== undefined) {
    attributes["gen_ai.usage.cost.amount"] = result.costUsd;
    attributes["gen_ai.usage.cost.currency"] = "USD";
    // The proposal's provenance: `provider` when the bill came in the response, `local` when
    // this process computed it (from the price table, or the reservation when no usage came).
    attributes["gen_ai.usage.cost.source"] =
      result.costSource === "provider" ? "provider" : "local";
  }
  return attributes;
}

/** After the call: what the caller's budget may still reserve, counting its ancestors. */
export function budgetAfterAttributes(call: CallTelemetryContext): Attributes {
  const budget = call.budgetTracker;
  return budget ? { "llmc.budget.remaining": budget.effectiveRemaining() } : {};
}

/**
 * A low-cardinality `error.type`: the `LLMError` code (`rate_limit`, `budget_exceeded`, …), else
 * the error's class name, else `_OTHER` as the conventions ask.
 */
export function errorType(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code !== "") return code;
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === "string" && name !== "" ? name : "_OTHER";
}
