import type { ParsedRequest } from "./protocol.js";
import { type ResolvedToolCall, resolveToolCalls } from "./resolve-tool-calls.js";
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
  /** Scripted tool calls with their arguments as the string sent; `[]` when none. */
  readonly toolCalls: readonly ResolvedToolCall[];
  /** OpenAI/OpenRouter refusal text, when scripted. */
  readonly refusal: string | undefined;
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
  /** The finish reason of a reply with tool calls (OpenAI `tool_calls`). Default: `stopReason`. */
  readonly toolCallsReason?: string;
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
  const jsonText = step.json !== undefined ? JSON.stringify(step.json) : undefined;
  const toolCalls = step.toolCalls === undefined ? [] : resolveToolCalls(step.toolCalls);
  // A tool call or refusal alone carries no text; the default text fills only empty replies.
  const silent = toolCalls.length > 0 || step.refusal !== undefined;
  let chunks: readonly string[];
  let text: string;
  if (jsonText !== undefined) {
    chunks = splitIntoChunks(jsonText);
    text = jsonText;
  } else if (step.chunks !== undefined) {
    chunks = step.chunks;
    text = step.text ?? step.chunks.join("");
  } else if (step.text !== undefined) {
    chunks = splitIntoChunks(step.text);
    text = step.text;
  } else if (silent) {
    chunks = [];
    text = "";
  } else {
    chunks = DEFAULT_CHUNKS;
    text = DEFAULT_REPLY_TEXT;
  }

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
    outputTokens:
      given.outputTokens ??
      estimateTokens(text) +
        estimateTokens(step.refusal ?? "") +
        toolCalls.reduce((sum, call) => sum + estimateTokens(call.name + call.arguments), 0) +
        reasoningTokens,
    cachedInputTokens: given.cachedInputTokens ?? 0,
    cacheWriteTokens: given.cacheWriteTokens ?? 0,
    reasoningTokens,
  };
  const finishReason =
    step.finishReason ??
    (truncated
      ? reasons.lengthReason
      : toolCalls.length > 0
        ? (reasons.toolCallsReason ?? reasons.stopReason)
        : reasons.stopReason);
  return {
    text,
    chunks,
    usage,
    finishReason,
    model: step.model ?? request.model,
    chunkDelayMs: step.chunkDelayMs ?? 0,
    toolCalls,
    refusal: step.refusal,
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
