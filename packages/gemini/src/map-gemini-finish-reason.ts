import type { FinishReason } from "@llmc/core";

/** Gemini's `candidates[].finishReason` (enum `FinishReason`), normalised; the raw value is kept. */
export function mapGeminiFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case "STOP":
      return { kind: "stop", raw };
    case "MAX_TOKENS":
      return { kind: "length", raw };
    case "SAFETY":
    case "RECITATION":
    case "PROHIBITED_CONTENT":
    case "BLOCKLIST":
    case "SPII":
    case "IMAGE_SAFETY":
    case "IMAGE_PROHIBITED_CONTENT":
    case "IMAGE_RECITATION":
      return { kind: "content-filter", raw };
    // The model produced a tool call it should not have, or a broken one: the turn failed.
    case "MALFORMED_FUNCTION_CALL":
    case "UNEXPECTED_TOOL_CALL":
    case "TOO_MANY_TOOL_CALLS":
      return { kind: "error", raw };
    case undefined:
    case null:
    case "FINISH_REASON_UNSPECIFIED":
      return { kind: "unknown", raw: raw ?? undefined };
    default:
      // LANGUAGE, OTHER, NO_IMAGE, IMAGE_OTHER and values added after this was written.
      return { kind: "other", raw };
  }
}
