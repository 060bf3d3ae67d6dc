import { describe, expect, it } from "vitest";
import { mapClaudeFinishReason } from "./map-claude-code-finish-reason.js";

describe("mapClaudeFinishReason", () => {
  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["model_context_window_exceeded", "length"],
    ["tool_use", "tool-calls"],
    ["refusal", "content-filter"],
    ["pause_turn", "other"],
  ])("%s → %s, keeping the raw value", (raw, kind) => {
    expect(mapClaudeFinishReason(raw)).toEqual({ kind, raw });
  });

  it("is unknown when the CLI reports none", () => {
    expect(mapClaudeFinishReason(null)).toEqual({ kind: "unknown", raw: undefined });
  });
});
