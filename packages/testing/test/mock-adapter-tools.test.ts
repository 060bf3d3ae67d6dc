import { LLMInvalidResponseError, LLMProviderError, tool } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MockAdapter } from "../src/mock-adapter.js";

const weather = tool({ description: "Weather", input: z.object({ city: z.string() }) });

describe("MockAdapter: tool calls", () => {
  it("scripts tool calls (parallel ones too); core validates them into result.toolCalls", async () => {
    const mock = new MockAdapter({
      steps: [
        {
          text: "Checking both.",
          toolCalls: [
            { name: "weather", arguments: { city: "Paris" } },
            { name: "weather", arguments: { city: "Oslo" }, id: "mine" },
          ],
        },
      ],
    });
    const r = await mock.executePrompt("Weather?", { model: "mock-small", tools: { weather } });
    expect(r.text).toBe("Checking both.");
    expect(r.finishReason.kind).toBe("tool-calls");
    expect(r.toolCalls).toEqual([
      { id: "call_1", name: "weather", input: { city: "Paris" } },
      { id: "mine", name: "weather", input: { city: "Oslo" } },
    ]);
    // Output tokens count the calls' arguments as well as the text.
    expect(r.usage.outputTokens).toBeGreaterThan(Math.ceil("Checking both.".length / 4));
  });

  it("streams text, then each tool call as one part", async () => {
    const mock = new MockAdapter({
      steps: [{ text: "Looking.", toolCalls: [{ name: "weather", arguments: { city: "Rome" } }] }],
    });
    const stream = mock.streamPrompt("q", { model: "mock-small", tools: { weather } });
    const parts = [];
    for await (const part of stream.partStream) parts.push(part);
    expect(parts).toEqual([
      { type: "text-delta", text: "Looking." },
      {
        type: "tool-call",
        toolCall: { id: "call_1", name: "weather", input: { city: "Rome" } },
      },
    ]);
    expect((await stream.result).toolCalls).toHaveLength(1);
  });

  it("ids stay unique across replies", async () => {
    const call = { toolCalls: [{ name: "weather", arguments: { city: "X" } }] };
    const mock = new MockAdapter({ steps: [call, call] });
    const ids = [];
    for (let i = 0; i < 2; i++) {
      ids.push(
        (await mock.executePrompt("q", { model: "mock-small", tools: { weather } })).toolCalls[0]!
          .id,
      );
    }
    expect(ids).toEqual(["call_1", "call_2"]);
  });

  it("`arguments` sends raw text: input that fails the tool's schema is the typed error", async () => {
    const mock = new MockAdapter({
      steps: [{ toolCalls: [{ name: "weather", arguments: '{"city": 7}' }] }],
    });
    const error = await mock
      .executePrompt("q", { model: "mock-small", tools: { weather } })
      .catch((e) => e);
    expect(LLMInvalidResponseError.isInstance(error)).toBe(true);
    expect(error.toolName).toBe("weather");
  });

  it("a step may be a function of the request: script by what was sent, or fail on demand", async () => {
    const mock = new MockAdapter({
      steps: [
        (request) => ({
          text: `saw ${request.messages.length} message(s), tools ${request.toolChoice}`,
        }),
        () => ({ error: new LLMProviderError("down on demand", { status: 400 }) }),
      ],
    });
    const r = await mock.executePrompt("q", {
      model: "mock-small",
      tools: { weather },
      toolChoice: "none",
    });
    expect(r.text).toBe("saw 1 message(s), tools none");
    await expect(mock.executePrompt("q", { model: "mock-small" })).rejects.toThrow(
      "down on demand",
    );
  });
});
