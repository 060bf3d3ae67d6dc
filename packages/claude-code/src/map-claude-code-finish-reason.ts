import type { FinishReason } from "@llmc/core";

/** The CLI reports the last message's Anthropic `stop_reason`. */
export function mapClaudeFinishReason(stopReason: string | null | undefined): FinishReason {
  const raw = stopReason ?? undefined;
  switch (stopReason) {
    case "end_turn":
    case "stop_sequence":
      return { kind: "stop", raw };
    case "max_tokens":
    case "model_context_window_exceeded":
      return { kind: "length", raw };
    case "tool_use":
      return { kind: "tool-calls", raw };
    case "refusal":
      return { kind: "content-filter", raw };
    case null:
    case undefined:
      return { kind: "unknown", raw };
    default:
      return { kind: "other", raw };
  }
}
