import type { FunctionCall, Part } from "@google/genai";
import type { ChatMessage, ToolCall } from "@llmc/core";

/** What a Gemini function call keeps in `ToolCall.providerMetadata.gemini`. */
export interface GeminiCallMetadata {
  /** Google's own call id, when it sent one (the id in `ToolCall.id` may be made up). */
  readonly callId?: string | undefined;
  /** Must go back with the call on thinking models (Gemini 3 refuses history without it). */
  readonly thoughtSignature?: string | undefined;
}

export function geminiCallMetadata(call: Pick<ToolCall, "providerMetadata">): GeminiCallMetadata {
  const gemini = call.providerMetadata?.gemini;
  return typeof gemini === "object" && gemini !== null ? (gemini as GeminiCallMetadata) : {};
}

/** An assistant turn's tool calls as `functionCall` parts, with their id and thought signature. */
export function functionCallParts(calls: readonly ToolCall[]): Part[] {
  return calls.map((call) => {
    const { callId, thoughtSignature } = geminiCallMetadata(call);
    const functionCall: FunctionCall = {
      name: call.name,
      args: (call.input ?? {}) as Record<string, unknown>,
      ...(callId !== undefined ? { id: callId } : {}),
    };
    return thoughtSignature !== undefined ? { functionCall, thoughtSignature } : { functionCall };
  });
}

/**
 * A tool result as a `functionResponse` part. Gemini matches it by name (and id, when the call
 * had one), so both come from the assistant turn that made the call. `response` must be an
 * object: a JSON object result is sent as it is, anything else as `{ result: … }`.
 */
export function functionResponsePart(
  message: Extract<ChatMessage, { role: "tool" }>,
  calls: ReadonlyMap<string, ToolCall>,
): Part {
  const call = calls.get(message.toolCallId)!; // core checked that an earlier turn made it
  let value: unknown = message.content;
  try {
    value = JSON.parse(message.content);
  } catch {
    // plain text: sent as the result string
  }
  const response =
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { result: value };
  const { callId } = geminiCallMetadata(call);
  return {
    functionResponse: {
      name: call.name,
      response,
      ...(callId !== undefined ? { id: callId } : {}),
    },
  };
}
