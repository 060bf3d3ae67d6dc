import { isRecord, messagesTextBytes, optionalCount, textBytes } from "../prompt-text.js";
import type { ParsedRequest } from "../protocol.js";

/**
 * Reads a Messages API body. Tolerant of what the `claude` CLI sends (~76 KB: `system` as
 * blocks, a `role: "system"` message inside `messages`, tools, thinking, context_management,
 * metadata): only `model`, `max_tokens` and `messages` are required, as by the real API.
 */
export function parseAnthropicRequest(body: unknown): ParsedRequest {
  const record = isRecord(body) ? body : {};
  const model = typeof record.model === "string" ? record.model : "";
  const maxTokens = optionalCount(record.max_tokens);
  const parsed = {
    model,
    stream: record.stream === true,
    includeUsage: true,
    maxOutputTokens: maxTokens,
    promptBytes: textBytes(record.system) + messagesTextBytes(record.messages),
  };
  if (model === "") return { ...parsed, invalid: { message: "model: Field required" } };
  if (maxTokens === undefined)
    return { ...parsed, invalid: { message: "max_tokens: Field required" } };
  if (!Array.isArray(record.messages))
    return { ...parsed, invalid: { message: "messages: Field required" } };
  return parsed;
}
