import type { FinishReason } from "@llmc/core";

/** OpenAI `finish_reason` → core's normalised kind; the raw value is kept beside it. */
export function mapOpenAIFinishReason(raw: string | null | undefined): FinishReason {
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
    case null:
    case undefined:
      return { kind: "unknown", raw: undefined };
    default:
      return { kind: "other", raw };
  }
}
