import type { Usage } from "@llmc/core/adapter";
import {
  type ChatCompletionsErrorBody,
  readChatCompletionsErrorBody,
} from "./chat-completions-error-body.js";
import { readToolCallDeltas, type ToolCallDelta } from "./read-chat-completions-tool-calls.js";
import { readUsageAndCost, type UsageDialect } from "./read-usage-and-cost.js";
import { type WireObject, type WireRead, WireReader } from "./wire-reader.js";

/**
 * What one stream chunk carries. Azure's first chunk and the usage chunk after the finish
 * (the stream tail) have `choices: []`.
 */
export interface ChatCompletionsChunk {
  /** The whole chunk and its first choice, for the dialect's metadata fields. */
  readonly chunk: WireObject;
  readonly choice: WireObject | undefined;
  readonly id: string | undefined;
  readonly model: string | undefined;
  readonly text: string | undefined;
  /** `delta.refusal`: a piece of the model's refusal. */
  readonly refusal: string | undefined;
  /** `delta.tool_calls` fragments (assembled by `ToolCallAssembler`). */
  readonly toolCalls: readonly ToolCallDelta[] | undefined;
  readonly finishReason: string | undefined;
  readonly usage: Usage | undefined;
  readonly costUsd: number | undefined;
  /** A failure reported mid-stream: `{"error":{…}}`, possibly beside usage and cost. */
  readonly error: ChatCompletionsErrorBody | undefined;
}

/** Reads one decoded `data:` event; tolerant as {@link readChatCompletionsResponse}. */
export function readChatCompletionsChunk(
  json: unknown,
  dialect: UsageDialect,
): WireRead<ChatCompletionsChunk> {
  const reader = new WireReader();
  const chunk = reader.require(reader.record(json, "chunk"), "chunk");
  if (!chunk) return { ok: false, problem: reader.problem ?? "chunk is missing" };
  const choices = reader.array(chunk.choices, "choices");
  const choice = reader.record(choices?.[0], "choices[0]");
  const delta = reader.record(choice?.delta, "delta");
  const error = reader.record(chunk.error, "error");
  const { usage, costUsd } = readUsageAndCost(chunk, dialect, reader);
  const value: ChatCompletionsChunk = {
    chunk,
    choice,
    id: reader.string(chunk.id, "id"),
    model: reader.string(chunk.model, "model"),
    text: reader.string(delta?.content, "delta.content"),
    refusal: reader.string(delta?.refusal, "delta.refusal"),
    toolCalls: readToolCallDeltas(delta, reader),
    finishReason: reader.string(choice?.finish_reason, "finish_reason"),
    usage,
    costUsd,
    error: error && readChatCompletionsErrorBody(error),
  };
  return reader.problem ? { ok: false, problem: reader.problem } : { ok: true, value };
}
