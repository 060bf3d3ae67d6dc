import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  BudgetTracker,
  type ChatMessage,
  LLMAdapter,
  LLMConfigError,
  LLMInvalidResponseError,
  LLMRefusalError,
  type PriceTable,
  type ProviderRequest,
  type ProviderResponse,
  tool,
} from "../src/index.js";
import { reply, TestAdapter } from "./support/test-adapter.js";

const weather = tool({
  description: "Current weather for a city",
  input: z.object({ city: z.string(), unit: z.enum(["C", "F"]).default("C") }),
});
const time = tool({ description: "Local time in a city", input: z.object({ city: z.string() }) });

function calling(
  calls: ProviderResponse["toolCalls"],
  text = "",
  raw = "stop",
): (request: ProviderRequest) => Promise<ProviderResponse> {
  return async () => ({ ...reply(text), finishReason: { kind: "stop", raw }, toolCalls: calls });
}

describe("tool()", () => {
  it("checks the definition where it is made", () => {
    expect(() => tool({ description: "", input: z.object({}) })).toThrow(LLMConfigError);
    expect(() => tool({ description: "x", input: { city: "string" } as never })).toThrow(
      /`input` to be a zod schema/,
    );
    expect(() => tool({ description: "x", input: z.object({}), costUsd: -1 })).toThrow(/costUsd/);
    expect(Object.isFrozen(weather)).toBe(true);
  });
});

describe("tools on a call", () => {
  it("sends each tool's input as JSON Schema and returns validated calls", async () => {
    const adapter = new TestAdapter(
      calling([{ id: "c1", name: "weather", arguments: '{"city":"Paris"}' }]),
    );
    const result = await adapter.executePrompt("Weather in Paris?", {
      model: "test-model",
      tools: { weather },
      toolChoice: "auto",
    });
    expect(result.toolCalls).toEqual([
      { id: "c1", name: "weather", input: { city: "Paris", unit: "C" } },
    ]);
    expect(result.finishReason).toEqual({ kind: "tool-calls", raw: "stop" });
    expect(result.object).toBeUndefined();
    const sent = adapter.requests[0]!;
    expect(sent.toolChoice).toBe("auto");
    expect(sent.tools).toEqual([
      {
        name: "weather",
        description: "Current weather for a city",
        inputSchema: {
          type: "object",
          properties: {
            city: { type: "string" },
            unit: { type: "string", enum: ["C", "F"], default: "C" },
          },
          required: ["city"],
        },
      },
    ]);
  });

  it("returns parallel calls in order, each validated by its own tool", async () => {
    const adapter = new TestAdapter(
      calling([
        { id: "a", name: "weather", arguments: { city: "Paris" } },
        { id: "b", name: "time", arguments: '{"city":"Tokyo"}' },
      ]),
    );
    const result = await adapter.executePrompt("both", {
      model: "test-model",
      tools: { weather, time },
    });
    expect(result.toolCalls.map((call) => [call.id, call.name, call.input])).toEqual([
      ["a", "weather", { city: "Paris", unit: "C" }],
      ["b", "time", { city: "Tokyo" }],
    ]);
  });

  it("is [] when the model called nothing, with the finish reason untouched", async () => {
    const adapter = new TestAdapter(async () => reply("No tool needed."));
    const result = await adapter.executePrompt("hi", { model: "test-model", tools: { weather } });
    expect(result.toolCalls).toEqual([]);
    expect(result.finishReason.kind).toBe("stop");
    const plain = await new TestAdapter(async () => reply("x")).executePrompt("hi", {
      model: "test-model",
    });
    expect(plain.toolCalls).toEqual([]);
    expect(plain.repairs).toBe(0);
  });

  it("arguments that fail the tool's schema are LLMInvalidResponseError with the tool name, raw text and issues", async () => {
    const adapter = new TestAdapter(
      calling([{ id: "c1", name: "weather", arguments: '{"city":42}' }]),
    );
    const error = await adapter
      .executePrompt("x", { model: "test-model", tools: { weather } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    const invalid = error as LLMInvalidResponseError;
    expect(invalid.toolName).toBe("weather");
    expect(invalid.rawText).toBe('{"city":42}');
    expect(invalid.issues?.[0]?.path).toEqual(["city"]);
    expect(invalid.message).toMatch(/tool "weather" do not match its input schema: city:/);
  });

  it("arguments that are not JSON, and unknown tools, are invalid responses too", async () => {
    const notJson = new TestAdapter(
      calling([{ id: "c1", name: "weather", arguments: '{"city":' }]),
    );
    await expect(
      notJson.executePrompt("x", { model: "test-model", tools: { weather } }),
    ).rejects.toMatchObject({
      code: "invalid_response",
      toolName: "weather",
      rawText: '{"city":',
      issues: [],
    });
    const unknown = new TestAdapter(calling([{ id: "c1", name: "stocks", arguments: "{}" }]));
    await expect(
      unknown.executePrompt("x", { model: "test-model", tools: { weather } }),
    ).rejects.toThrow(/named "stocks", which this call did not offer \(it offered: weather\)/);
  });

  it("a refusal is LLMRefusalError, not a parse error, and the call is charged", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const adapter = new TestAdapter(async () => ({
      ...reply(""),
      refusal: "I can't help with that.",
    }));
    const error = await adapter
      .executePrompt("x", {
        model: "test-model",
        schema: z.object({ a: z.string() }),
        budgetTracker: budget,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMRefusalError);
    expect(error).toMatchObject({ code: "refusal", refusal: "I can't help with that." });
    expect(budget.spent).toBeGreaterThan(0);
    expect(budget.reserved).toBe(0);
  });

  it("refuses tool setups that cannot work before any request", async () => {
    const adapter = new TestAdapter(async () => reply("x"));
    await expect(
      adapter.executePrompt("x", {
        model: "test-model",
        tools: { weather },
        toolChoice: { tool: "time" },
      }),
    ).rejects.toThrow(/names tool "time", which is not in `tools` \(weather\)/);
    await expect(
      adapter.executePrompt("x", { model: "test-model", toolChoice: "required" }),
    ).rejects.toThrow(/needs `tools`/);
    await expect(
      adapter.executePrompt("x", { model: "test-model", tools: { "bad name": weather } }),
    ).rejects.toThrow(/tool names must be/);
    await expect(
      adapter.executePrompt("x", {
        model: "test-model",
        tools: { weather: { description: "d", input: z.string() } as never },
      }),
    ).rejects.toThrow(/must be made with tool/);
    const orphan: ChatMessage[] = [
      { role: "user", content: "x" },
      { role: "tool", toolCallId: "nope", content: "{}" },
    ];
    await expect(adapter.executePrompt(orphan, { model: "test-model" })).rejects.toThrow(
      /no earlier assistant message made that call/,
    );
    expect(adapter.requests).toHaveLength(0);
  });

  it("an adapter without the tools capability refuses tools instead of dropping them", async () => {
    class TextOnly extends LLMAdapter {
      static readonly contractVersion = 1;
      readonly provider = "text";
      readonly priceTable: PriceTable | undefined = undefined;
      sent = 0;
      protected async doGenerate(): Promise<ProviderResponse> {
        this.sent++;
        return reply("x");
      }
    }
    const adapter = new TextOnly();
    await expect(adapter.executePrompt("x", { model: "m", tools: { weather } })).rejects.toThrow(
      /TextOnly cannot send tools or tool messages to text/,
    );
    await expect(adapter.executePrompt("x", { model: "m", schema: z.object({}) })).rejects.toThrow(
      /cannot ask text for structured output/,
    );
    expect(adapter.sent).toBe(0);
  });

  it("round trip: assistant toolCalls and tool results go back to the provider as messages", async () => {
    const adapter = new TestAdapter(
      calling([{ id: "c1", name: "weather", arguments: '{"city":"Paris"}' }]),
    );
    const messages: ChatMessage[] = [{ role: "user", content: "Weather in Paris?" }];
    const first = await adapter.executePrompt(messages, {
      model: "test-model",
      tools: { weather },
    });
    messages.push(
      { role: "assistant", content: first.text, toolCalls: first.toolCalls },
      { role: "tool", toolCallId: first.toolCalls[0]!.id, content: JSON.stringify({ tempC: 18 }) },
    );
    const second = await new TestAdapter(async (request) => {
      expect(request.messages.slice(1)).toEqual([
        {
          role: "assistant",
          content: "",
          toolCalls: [{ id: "c1", name: "weather", input: { city: "Paris", unit: "C" } }],
        },
        { role: "tool", toolCallId: "c1", content: '{"tempC":18}' },
      ]);
      return reply("18 °C in Paris.");
    }).executePrompt(messages, { model: "test-model", tools: { weather } });
    expect(second.text).toBe("18 °C in Paris.");
  });

  it("reserves for the tools' JSON Schema text and the tool turns", async () => {
    const reserved: number[] = [];
    const adapter = new TestAdapter(async (request) => {
      reserved.push(request.reservedUsd!);
      return reply('{"total": 1}');
    });
    const budget = new BudgetTracker({ total: 1 });
    const base = { model: "test-model", maxOutputTokens: 10, budgetTracker: budget };
    await adapter.executePrompt("hi", base);
    await adapter.executePrompt("hi", { ...base, tools: { weather } });
    await adapter.executePrompt("hi", { ...base, schema: z.object({ total: z.number() }) });
    const schemaBytes = Buffer.byteLength(
      JSON.stringify(adapter.requests[1]!.tools![0]!.inputSchema),
    );
    // $1 per M input tokens: each extra token reserves a micro-dollar.
    expect(reserved[1]! - reserved[0]!).toBeGreaterThanOrEqual(schemaBytes * 1e-6);
    expect(reserved[2]!).toBeGreaterThan(reserved[0]!);
  });
});
