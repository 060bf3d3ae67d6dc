import { describe, expect, it } from "vitest";
import { mapGeminiFinishReason } from "./map-gemini-finish-reason.js";

describe("mapGeminiFinishReason", () => {
  it.each([
    ["STOP", "stop"],
    ["MAX_TOKENS", "length"],
    ["SAFETY", "content-filter"],
    ["RECITATION", "content-filter"],
    ["PROHIBITED_CONTENT", "content-filter"],
    ["BLOCKLIST", "content-filter"],
    ["SPII", "content-filter"],
    ["IMAGE_SAFETY", "content-filter"],
    ["MALFORMED_FUNCTION_CALL", "error"],
    ["UNEXPECTED_TOOL_CALL", "error"],
    ["TOO_MANY_TOOL_CALLS", "error"],
    ["LANGUAGE", "other"],
    ["OTHER", "other"],
    ["SOMETHING_NEW", "other"],
    ["FINISH_REASON_UNSPECIFIED", "unknown"],
  ])("%s → %s, raw kept", (raw, kind) => {
    expect(mapGeminiFinishReason(raw)).toEqual({ kind, raw });
  });

  it("a missing finish reason is unknown", () => {
    expect(mapGeminiFinishReason(undefined)).toEqual({ kind: "unknown", raw: undefined });
  });
});
