import { isRecord, messagesTextBytes, optionalCount } from "../prompt-text.js";
import type { ParsedRequest } from "../protocol.js";

/**
 * Reads a Chat Completions body (OpenAI and OpenRouter share it). The cap is
 * `max_completion_tokens`, falling back to the legacy `max_tokens`.
 */
export function parseChatCompletionsRequest(body: unknown): ParsedRequest {
  const record = isRecord(body) ? body : {};
  const model = typeof record.model === "string" ? record.model : "";
  const streamOptions = isRecord(record.stream_options) ? record.stream_options : {};
  const parsed = {
    model,
    stream: record.stream === true,
    includeUsage: streamOptions.include_usage === true,
    maxOutputTokens:
      optionalCount(record.max_completion_tokens) ?? optionalCount(record.max_tokens),
    promptBytes: messagesTextBytes(record.messages),
  };
  if (model === "")
    return { ...parsed, invalid: { message: "you must provide a model parameter" } };
  if (!Array.isArray(record.messages) || record.messages.length === 0) {
    return {
      ...parsed,
      invalid: {
        message:
          "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        param: "messages",
      },
    };
  }
  return parsed;
}
