import type { ProviderToolCall, Usage } from "@llmc/core";
import {
  type ChatCompletionsErrorBody,
  readChatCompletionsErrorBody,
} from "./chat-completions-error-body.js";
import { readMessageToolCalls } from "./read-chat-completions-tool-calls.js";
import { readUsageAndCost, type UsageDialect } from "./read-usage-and-cost.js";
import { type WireObject, type WireRead, WireReader } from "./wire-reader.js";

/** What a non-streamed answer carries for the adapter (its first choice). */
export interface ChatCompletionsResponse {
  /** The whole body and its first choice, for the dialect's metadata fields. */
  readonly body: WireObject;
  readonly choice: WireObject | undefined;
  readonly id: string | undefined;
  readonly model: string | undefined;
  readonly content: string | undefined;
  readonly refusal: string | undefined;
  /** `message.tool_calls`, arguments raw (core parses and validates them). */
  readonly toolCalls: readonly ProviderToolCall[] | undefined;
  readonly finishReason: string | undefined;
  readonly usage: Usage | undefined;
  readonly costUsd: number | undefined;
  /** A failure reported inside the 200 body after generation began (OpenRouter). */
  readonly error: ChatCompletionsErrorBody | undefined;
}

/**
 * Reads a 200 body: tolerant of unknown, missing and null fields; a field present with the
 * wrong type, no `choices[0].message` (unless the body reports an `error`), or a `usage`
 * without both counts makes it unreadable (`LLMInvalidResponseError`).
 */
export function readChatCompletionsResponse(
  json: unknown,
  dialect: UsageDialect,
): WireRead<ChatCompletionsResponse> {
  const reader = new WireReader();
  const body = reader.require(reader.record(json, "body"), "body");
  if (!body) return { ok: false, problem: reader.problem ?? "body is missing" };
  const error = reader.record(body.error, "error");
  const choices = reader.array(body.choices, "choices");
  const choice = reader.record(choices?.[0], "choices[0]");
  const message = reader.record(choice?.message, "message");
  // An error body may come without choices; anything else must have an answer to read.
  if (!error) {
    reader.require(choices, "choices");
    reader.require(choice, "choices[0]");
    reader.require(message, "choices[0].message");
  }
  const { usage, costUsd } = readUsageAndCost(body, dialect, reader);
  const value: ChatCompletionsResponse = {
    body,
    choice,
    id: reader.string(body.id, "id"),
    model: reader.string(body.model, "model"),
    content: reader.string(message?.content, "message.content"),
    refusal: reader.string(message?.refusal, "message.refusal"),
    toolCalls: readMessageToolCalls(message, reader),
    finishReason: reader.string(choice?.finish_reason, "finish_reason"),
    usage,
    costUsd,
    error: error && readChatCompletionsErrorBody(error),
  };
  return reader.problem ? { ok: false, problem: reader.problem } : { ok: true, value };
}
