import type { Usage } from "@llmc/core";
import {
  type ChatCompletionsUsage,
  convertChatCompletionsUsage,
  type WireObject,
  type WireReader,
} from "@llmc/openai-compatible";

/** OpenRouter's `usage`: OpenAI's counts plus what the call cost. */
export interface OpenRouterUsage extends ChatCompletionsUsage {
  /** What OpenRouter charged for the call, USD. */
  readonly cost?: number | null | undefined;
  /** Bring-your-own-key: `cost` is then only OpenRouter's fee; the upstream bills your key. */
  readonly is_byok?: boolean | null | undefined;
  readonly cost_details?:
    | { readonly upstream_inference_cost?: number | null | undefined }
    | null
    | undefined;
}

/**
 * OpenRouter counts like OpenAI: `prompt_tokens` includes `cached_tokens` and
 * `cache_write_tokens`, `completion_tokens` includes `reasoning_tokens`.
 */
export function convertOpenRouterUsage(usage: OpenRouterUsage): Usage {
  return convertChatCompletionsUsage(usage);
}

/**
 * What the call cost you, in USD, from OpenRouter's own bill: `usage.cost`. With your own
 * upstream key (BYOK) `cost` is only OpenRouter's fee and the upstream bills your key
 * `cost_details.upstream_inference_cost` on top, so the two are added. `undefined` when
 * OpenRouter sent no cost (core then prices the usage from the table).
 */
export function openRouterCostUsd(usage: OpenRouterUsage): number | undefined {
  return costUsd(
    usage.cost ?? undefined,
    usage.is_byok ?? undefined,
    usage.cost_details?.upstream_inference_cost ?? undefined,
  );
}

/** The same from the wire, for the dialect's `readCostUsd` (a wrong type is unreadable). */
export function readOpenRouterCostUsd(usage: WireObject, reader: WireReader): number | undefined {
  const cost = reader.number(usage.cost, "usage.cost");
  if (cost === undefined) return undefined;
  const isByok = reader.boolean(usage.is_byok, "usage.is_byok");
  const details = reader.record(usage.cost_details, "usage.cost_details");
  const upstream = details
    ? reader.number(details.upstream_inference_cost, "usage.cost_details.upstream_inference_cost")
    : undefined;
  return costUsd(cost, isByok, upstream);
}

function costUsd(
  cost: number | undefined,
  isByok: boolean | undefined,
  upstream: number | undefined,
): number | undefined {
  if (typeof cost !== "number") return undefined;
  return cost + (isByok ? (upstream ?? 0) : 0);
}
