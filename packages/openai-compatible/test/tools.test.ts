import { type ChatMessage, LLMConfigError, LLMInvalidResponseError, tool } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { rejectionOf, useSimulator } from "./simulator-fixture.js";

// Tools through the real openai SDK against the simulator (which refuses what OpenAI refuses:
// non-strict schemas under strict, tool_choice naming an unknown tool, unanswered calls).
const env = useSimulator();

const weather = tool({
  description: "Current weather for a city",
  input: z.object({ city: z.string(), unit: z.enum(["C", "F"]).optional() }),
});
const time = tool({ description: "Local time in a city", input: z.object({ city: z.string() }) });

interface ToolsBody {
  tools?: {
    type: string;
    function: {
      name: string;
      description: string;
      strict?: boolean;
      parameters: Record<string, unknown>;
    };
  }[];
  tool_choice?: unknown;
  messages: Record<string, unknown>[];
}
const body = (index = 0) => env.sim.requests[index]?.body as ToolsBody;

describe("tools over Chat Completions", () => {
  it("sends strict function tools and returns one validated call (optional null → absent)", async () => {
    env.sim.script("openai", {
      toolCalls: [{ id: "call_1", name: "weather", arguments: { city: "Paris", unit: null } }],
    });
    const result = await env.adapter().executePrompt("Weather in Paris?", {
      model: "test-model",
      tools: { weather },
      toolChoice: "auto",
    });
    expect(result.toolCalls).toEqual([{ id: "call_1", name: "weather", input: { city: "Paris" } }]);
    expect(result.finishReason.kind).toBe("tool-calls");
    expect(body().tool_choice).toBe("auto");
    expect(body().tools).toEqual([
      {
        type: "function",
        function: {
          name: "weather",
          description: "Current weather for a city",
          strict: true,
          parameters: {
            type: "object",
            properties: {
              city: { type: "string" },
              unit: { type: ["string", "null"], enum: ["C", "F", null] },
            },
            required: ["city", "unit"],
            additionalProperties: false,
          },
        },
      },
    ]);
  });

  it("returns parallel calls in order, and maps toolChoice required / { tool }", async () => {
    env.sim.script(
      "openai",
      {
        toolCalls: [
          { name: "weather", arguments: { city: "Paris", unit: "C" } },
          { name: "time", arguments: { city: "Rome" } },
        ],
      },
      { toolCalls: [{ name: "time", arguments: { city: "Oslo" } }] },
    );
    const adapter = env.adapter();
    const both = await adapter.executePrompt("Both", {
      model: "test-model",
      tools: { weather, time },
      toolChoice: "required",
    });
    expect(both.toolCalls.map((call) => [call.name, call.input])).toEqual([
      ["weather", { city: "Paris", unit: "C" }],
      ["time", { city: "Rome" }],
    ]);
    expect(body(0).tool_choice).toBe("required");
    await adapter.executePrompt("Time", {
      model: "test-model",
      tools: { weather, time },
      toolChoice: { tool: "time" },
    });
    expect(body(1).tool_choice).toEqual({ type: "function", function: { name: "time" } });
  });

  it("a full round trip: the assistant's calls and the tool results go back on the wire as OpenAI wants them", async () => {
    env.sim.script(
      "openai",
      {
        toolCalls: [
          { name: "weather", arguments: { city: "Paris", unit: null } },
          { name: "time", arguments: { city: "Paris" } },
        ],
      },
      { text: "18 °C and 14:05 in Paris." },
    );
    const adapter = env.adapter();
    const messages: ChatMessage[] = [{ role: "user", content: "Weather and time in Paris?" }];
    const first = await adapter.executePrompt(messages, {
      model: "test-model",
      tools: { weather, time },
    });
    messages.push(
      { role: "assistant", content: first.text, toolCalls: first.toolCalls },
      { role: "tool", toolCallId: first.toolCalls[0]!.id, content: JSON.stringify({ tempC: 18 }) },
      { role: "tool", toolCallId: first.toolCalls[1]!.id, content: "14:05" },
    );
    const second = await adapter.executePrompt(messages, {
      model: "test-model",
      tools: { weather, time },
    });
    expect(second.text).toBe("18 °C and 14:05 in Paris.");
    expect(body(1).messages.slice(1)).toEqual([
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: first.toolCalls[0]!.id,
            type: "function",
            function: { name: "weather", arguments: '{"city":"Paris"}' },
          },
          {
            id: first.toolCalls[1]!.id,
            type: "function",
            function: { name: "time", arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: first.toolCalls[0]!.id, content: '{"tempC":18}' },
      { role: "tool", tool_call_id: first.toolCalls[1]!.id, content: "14:05" },
    ]);
  });

  it("streams tool-call deltas into whole, validated calls", async () => {
    env.sim.script("openai", {
      text: "Checking.",
      toolCalls: [
        {
          name: "weather",
          arguments: { city: "Paris", unit: "F" },
          argumentChunks: ['{"ci', 'ty":"Par', 'is","unit":"F"}'],
        },
        { name: "time", arguments: { city: "Rome" } },
      ],
    });
    const stream = env
      .adapter()
      .streamPrompt("Both", { model: "test-model", tools: { weather, time } });
    const parts: unknown[] = [];
    for await (const part of stream.partStream) parts.push(part);
    const result = await stream.result;
    expect(parts.filter((part) => (part as { type: string }).type === "tool-call")).toEqual([
      {
        type: "tool-call",
        toolCall: { id: "call_sim000000010", name: "weather", input: { city: "Paris", unit: "F" } },
      },
      {
        type: "tool-call",
        toolCall: { id: "call_sim000000011", name: "time", input: { city: "Rome" } },
      },
    ]);
    expect(result.text).toBe("Checking.");
    expect(result.toolCalls).toHaveLength(2);
    expect(result.finishReason.kind).toBe("tool-calls");
  });

  it("arguments that fail the tool's schema are LLMInvalidResponseError naming the tool", async () => {
    env.sim.script("openai", {
      toolCalls: [{ name: "weather", arguments: { city: 42, unit: null } }],
    });
    const error = await rejectionOf(
      env.adapter().executePrompt("Weather", { model: "test-model", tools: { weather } }),
    );
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect((error as LLMInvalidResponseError).toolName).toBe("weather");
  });

  it("a tool whose input strict mode cannot express is refused before any request", async () => {
    const lookup = tool({
      description: "Look up",
      input: z.object({ filters: z.record(z.string(), z.string()) }),
    });
    const error = await rejectionOf(
      env.adapter().executePrompt("Find", { model: "test-model", tools: { lookup } }),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as LLMConfigError).message).toMatch(
      /^Tool "lookup" cannot be sent in OpenAI strict mode: at "filters"/,
    );
    expect((error as LLMConfigError).field).toBe("tools.lookup");
    expect(env.sim.requestCount()).toBe(0);
  });

  it("OpenRouter's endpoint: a call and its streamed form", async () => {
    env.sim.script(
      "openrouter",
      { toolCalls: [{ name: "time", arguments: { city: "Lima" } }] },
      { toolCalls: [{ name: "time", arguments: { city: "Quito" } }] },
    );
    const adapter = env.adapter({
      provider: "openrouter",
      baseURL: env.sim.openrouter.baseURL,
      streamUsage: false,
    });
    const result = await adapter.executePrompt("Time", { model: "test-model", tools: { time } });
    expect(result.toolCalls[0]).toMatchObject({ name: "time", input: { city: "Lima" } });
    const streamed = await adapter.streamPrompt("Time", { model: "test-model", tools: { time } })
      .result;
    expect(streamed.toolCalls[0]).toMatchObject({ name: "time", input: { city: "Quito" } });
  });
});
