import type { ParsedRequest } from "./protocol.js";
import { estimateTokens, tokensForBytes, truncatePiecesToTokens } from "./token-estimate.js";
import { DEFAULT_REPLY_TEXT, type SimulatorReply, type SimulatorUsage } from "./types.js";

/** Usage with every breakdown filled in (zeros where absent). */
export type ResolvedUsage = Required<SimulatorUsage>;

/** A reply step with every default applied, ready to be put on the wire. */
export interface ResolvedReply {
  readonly text: string;
  /** Stream deltas; joined they equal `text`. */
  readonly chunks: readonly string[];
  readonly usage: ResolvedUsage;
  /** The provider's raw finish reason. */
  readonly finishReason: string;
  readonly model: string;
  readonly chunkDelayMs: number;
  readonly step: SimulatorReply;
}

/** Splits after each space, so deltas look like a model's word-by-word output. */
export function splitIntoChunks(text: string): string[] {
  if (text.length === 0) return [];
  const chunks: string[] = [];
  let start = 0;
  for (let index = text.indexOf(" "); index !== -1; index = text.indexOf(" ", index + 1)) {
    chunks.push(text.slice(start, index + 1));
    start = index + 1;
  }
  if (start < text.length) chunks.push(text.slice(start));
  return chunks;
}

const DEFAULT_CHUNKS: readonly string[] = Object.freeze(splitIntoChunks(DEFAULT_REPLY_TEXT));

interface FinishReasons {
  readonly stopReason: string;
  readonly lengthReason: string;
}

/**
 * Applies the derivation rules documented on {@link SimulatorReply}: text and deltas,
 * truncation to the request's output cap (unless the step fixes `finishReason`), and usage.
 */
export function resolveReply(
  step: SimulatorReply,
  request: ParsedRequest,
  reasons: FinishReasons,
): ResolvedReply {
  let chunks: readonly string[];
  if (step.chunks !== undefined) chunks = step.chunks;
  else if (step.text !== undefined) chunks = splitIntoChunks(step.text);
  else chunks = DEFAULT_CHUNKS;
  let text = step.text ?? (step.chunks !== undefined ? step.chunks.join("") : DEFAULT_REPLY_TEXT);

  let truncated = false;
  const cap = request.maxOutputTokens;
  if (cap !== undefined && step.finishReason === undefined && estimateTokens(text) > cap) {
    truncated = true;
    chunks = truncatePiecesToTokens(chunks, cap).pieces;
    text = truncatePiecesToTokens([text], cap).pieces.join("");
  }

  const given = step.usage ?? {};
  const reasoningTokens = given.reasoningTokens ?? 0;
  const usage: ResolvedUsage = {
    inputTokens: given.inputTokens ?? tokensForBytes(request.promptBytes),
    outputTokens: given.outputTokens ?? estimateTokens(text) + reasoningTokens,
    cachedInputTokens: given.cachedInputTokens ?? 0,
    cacheWriteTokens: given.cacheWriteTokens ?? 0,
    reasoningTokens,
  };
  return {
    text,
    chunks,
    usage,
    finishReason: step.finishReason ?? (truncated ? reasons.lengthReason : reasons.stopReason),
    model: step.model ?? request.model,
    chunkDelayMs: step.chunkDelayMs ?? 0,
    step,
  };
}

/** The part of a reply streamed before a fault struck after `afterChunks` deltas. */
export function partialReply(
  reply: ResolvedReply,
  afterChunks: number,
  usageOverride: SimulatorReply["usage"],
): ResolvedReply {
  const chunks = reply.chunks.slice(0, afterChunks);
  const text = chunks.join("");
  const given = usageOverride ?? {};
  const reasoningTokens = given.reasoningTokens ?? reply.usage.reasoningTokens;
  return {
    ...reply,
    text,
    chunks,
    usage: {
      inputTokens: given.inputTokens ?? reply.usage.inputTokens,
      outputTokens: given.outputTokens ?? estimateTokens(text) + reasoningTokens,
      cachedInputTokens: given.cachedInputTokens ?? reply.usage.cachedInputTokens,
      cacheWriteTokens: given.cacheWriteTokens ?? reply.usage.cacheWriteTokens,
      reasoningTokens,
    },
  };
}
