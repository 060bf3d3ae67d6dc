import { isRecord, messagesTextBytes, optionalCount } from "../prompt-text.js";
import type { ParsedRequest } from "../protocol.js";
import { toolsRequestProblem } from "./openai-tools-request-check.js";

/**
 * Bytes the model reads besides message text: tool definitions, the response schema, and the
 * arguments of earlier tool calls (real providers bill all of them as input tokens).
 */
function toolAndSchemaBytes(record: Readonly<Record<string, unknown>>): number {
  let total = 0;
  if (record.tools !== undefined) total += Buffer.byteLength(JSON.stringify(record.tools), "utf8");
  if (isRecord(record.response_format)) {
    total += Buffer.byteLength(JSON.stringify(record.response_format), "utf8");
  }
  if (Array.isArray(record.messages)) {
    for (const message of record.messages) {
      if (!isRecord(message) || !Array.isArray(message.tool_calls)) continue;
      total += Buffer.byteLength(JSON.stringify(message.tool_calls), "utf8");
    }
  }
  return total;
}

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
    promptBytes: messagesTextBytes(record.messages) + toolAndSchemaBytes(record),
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
  const toolsProblem = toolsRequestProblem(record);
  if (toolsProblem !== undefined) return { ...parsed, invalid: toolsProblem };
  return parsed;
}
