import type { FinishReason } from "@llmc/core";

/**
 * OpenRouter's normalised `finish_reason` (`stop | length | tool_calls | content_filter |
 * error`) → core's kind. The upstream's own value (`native_finish_reason`) goes to
 * `providerMetadata.nativeFinishReason`.
 */
export function mapOpenRouterFinishReason(raw: string | null | undefined): FinishReason {
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
