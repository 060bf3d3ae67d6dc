import { describe, expect, it } from "vitest";
import { mapChatCompletionsFinishReason } from "../src/map-openai-compatible-finish-reason.js";
import { rawStream, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

describe("mapChatCompletionsFinishReason", () => {
  it.each([
    ["stop", "stop"],
    ["length", "length"],
    ["content_filter", "content-filter"],
    ["tool_calls", "tool-calls"],
    ["function_call", "tool-calls"],
    // OpenRouter's normalised value when the upstream failed mid-answer.
    ["error", "error"],
    ["something_new", "other"],
  ] as const)("%s → %s, raw kept", (raw, kind) => {
    expect(mapChatCompletionsFinishReason(raw)).toEqual({ kind, raw });
  });

  it("a missing reason is unknown", () => {
    expect(mapChatCompletionsFinishReason(null)).toEqual({ kind: "unknown", raw: undefined });
    expect(mapChatCompletionsFinishReason(undefined)).toEqual({ kind: "unknown", raw: undefined });
  });
});

describe("finish reasons over the wire", () => {
  it("a streamed finish reason, then the usage tail after it", async () => {
    env.sim.script(
      "openai",
      rawStream([
        { id: "c1", choices: [{ index: 0, delta: { content: "Hi" }, finish_reason: null }] },
        { id: "c1", choices: [{ index: 0, delta: {}, finish_reason: "content_filter" }] },
        { id: "c1", choices: [], usage: { prompt_tokens: 4, completion_tokens: 1 } },
      ]),
    );
    const result = await env.adapter().streamPrompt("Hi", { model: "test-model" }).result;
    expect(result.finishReason).toEqual({ kind: "content-filter", raw: "content_filter" });
    expect(result.usage).toEqual({ inputTokens: 4, outputTokens: 1, totalTokens: 5 });
  });
});
