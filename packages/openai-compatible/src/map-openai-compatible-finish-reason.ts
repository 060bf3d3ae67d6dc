import type { FinishReason } from "@llmc/core/adapter";

/**
 * Chat Completions `finish_reason` → core's normalised kind; the raw value is kept beside it.
 * `error` is OpenRouter's (its normalised value when the upstream failed mid-answer).
 */
export function mapChatCompletionsFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case "stop":
      return { kind: "stop", raw };
    case "length":
      return { kind: "length", raw };
    case "content_filter":
      return { kind: "content-filter", raw };
    case "tool_calls":
    case "function_call":
      return { kind: "tool-calls", raw };
    case "error":
      return { kind: "error", raw };
    case null:
    case undefined:
      return { kind: "unknown", raw: undefined };
    default:
      return { kind: "other", raw };
  }
}
