import type OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/index.js";
import { openAIClient, openRouterClient, USER_HELLO } from "./support/clients.js";
import { type OpenAIAPIError, rejectionOf } from "./support/rejection.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const WEATHER_TOOL = {
  type: "function" as const,
  function: {
    name: "weather",
    description: "Current weather for a city",
    parameters: {
      type: "object",
      properties: { city: { type: "string" } },
      required: ["city"],
      additionalProperties: false,
    },
    strict: true,
  },
};

describe("OpenAI tool calls through the openai SDK", () => {
  it("answers a scripted call as message.tool_calls with content null and finish_reason tool_calls", async () => {
    sim.script("openai", { toolCalls: [{ name: "weather", arguments: { city: "Paris" } }] });
    const r = await openAIClient(sim).chat.completions.create({
      model: "gpt-4o-mini",
      messages: USER_HELLO,
      tools: [WEATHER_TOOL],
    });
    const choice = r.choices[0]!;
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toEqual([
      {
        id: "call_sim000000010",
        type: "function",
        function: { name: "weather", arguments: '{"city":"Paris"}' },
      },
    ]);
    // Output tokens count the call: ceil(bytes of "weather" + arguments / 4).
    expect(r.usage?.completion_tokens).toBe(Math.ceil((7 + 16) / 4));
  });

  it("sends parallel calls, scripted ids and verbatim (broken) argument strings", async () => {
    sim.script("openai", {
      text: "Checking both.",
      toolCalls: [
        { id: "call_a", name: "weather", arguments: { city: "Paris" } },
        { id: "call_b", name: "weather", arguments: '{"city": "Ber' },
      ],
    });
    const r = await openAIClient(sim).chat.completions.create({
      model: "gpt-4o-mini",
      messages: USER_HELLO,
      tools: [WEATHER_TOOL],
    });
    const message = r.choices[0]!.message;
    expect(message.content).toBe("Checking both.");
    expect(message.tool_calls?.map((c) => c.id)).toEqual(["call_a", "call_b"]);
    const second = message.tool_calls?.[1];
    expect(second?.type === "function" && second.function.arguments).toBe('{"city": "Ber');
  });

  it("streams tool calls as index/id/name deltas, then argument fragments, which the SDK reassembles", async () => {
    sim.script("openai", {
      toolCalls: [
        {
          name: "weather",
          arguments: { city: "Paris" },
          argumentChunks: ['{"ci', 'ty":"Pa', 'ris"}'],
        },
        { name: "weather", arguments: { city: "Rome" } },
      ],
    });
    const client = openAIClient(sim);
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: USER_HELLO,
      tools: [WEATHER_TOOL],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: OpenAI.Chat.Completions.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      for (const choice of chunk.choices) {
        deltas.push(...(choice.delta.tool_calls ?? []));
        finish = choice.finish_reason ?? finish;
      }
      usage = chunk.usage ?? usage;
    }
    expect(finish).toBe("tool_calls");
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(deltas[0]).toEqual({
      index: 0,
      id: "call_sim000000010",
      type: "function",
      function: { name: "weather", arguments: "" },
    });
    expect(deltas.slice(1, 4).map((d) => [d.index, d.id, d.function?.arguments])).toEqual([
      [0, undefined, '{"ci'],
      [0, undefined, 'ty":"Pa'],
      [0, undefined, 'ris"}'],
    ]);
    expect(deltas[4]).toMatchObject({ index: 1, id: "call_sim000000011" });

    // The SDK's own accumulator builds the same two calls from those deltas.
    sim.script("openai", {
      toolCalls: [
        { name: "weather", arguments: { city: "Paris" } },
        { name: "weather", arguments: { city: "Rome" } },
      ],
    });
    const runner = client.chat.completions.stream({
      model: "gpt-4o-mini",
      messages: USER_HELLO,
      tools: [WEATHER_TOOL],
    });
    const final = await runner.finalChatCompletion();
    const calls = final.choices[0]?.message.tool_calls ?? [];
    expect(calls.map((c) => (c.type === "function" ? c.function.arguments : ""))).toEqual([
      '{"city":"Paris"}',
      '{"city":"Rome"}',
    ]);
  });

  it("sends a JSON reply as the content text, streamed or not", async () => {
    sim.script("openai", { json: { total: 12.5, currency: "EUR" } }, { json: { ok: true } });
    const client = openAIClient(sim);
    const r = await client.chat.completions.create({ model: "gpt-4o-mini", messages: USER_HELLO });
    expect(JSON.parse(r.choices[0]!.message.content ?? "")).toEqual({
      total: 12.5,
      currency: "EUR",
    });
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: USER_HELLO,
      stream: true,
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(JSON.parse(text)).toEqual({ ok: true });
  });

  it("sends a refusal as message.refusal with content null, and as delta.refusal pieces", async () => {
    sim.script(
      "openai",
      { refusal: "I'm sorry, I can't help with that." },
      { refusal: "No can do." },
    );
    const client = openAIClient(sim);
    const r = await client.chat.completions.create({ model: "gpt-4o-mini", messages: USER_HELLO });
    expect(r.choices[0]?.message).toMatchObject({
      content: null,
      refusal: "I'm sorry, I can't help with that.",
    });
    expect(r.choices[0]?.finish_reason).toBe("stop");
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: USER_HELLO,
      stream: true,
    });
    let refusal = "";
    let content = "";
    for await (const chunk of stream) {
      refusal += chunk.choices[0]?.delta.refusal ?? "";
      content += chunk.choices[0]?.delta.content ?? "";
    }
    expect(refusal).toBe("No can do.");
    expect(content).toBe("");
  });

  it("counts tool definitions, the response schema and earlier call arguments as input", async () => {
    const client = openAIClient(sim);
    const plain = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: USER_HELLO,
    });
    const withTools = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: USER_HELLO,
      tools: [WEATHER_TOOL],
    });
    const toolBytes = Buffer.byteLength(JSON.stringify([WEATHER_TOOL]));
    expect(withTools.usage?.prompt_tokens).toBe(Math.ceil((11 + toolBytes) / 4));
    expect(plain.usage?.prompt_tokens).toBe(Math.ceil(11 / 4));
  });

  it("OpenRouter: the same tool_calls, deltas and refusal in its chunk shape", async () => {
    sim.script(
      "openrouter",
      { toolCalls: [{ name: "weather", arguments: { city: "Oslo" } }] },
      { toolCalls: [{ name: "weather", arguments: { city: "Oslo" } }] },
    );
    const client = openRouterClient(sim);
    const r = await client.chat.completions.create({
      model: "openai/gpt-4o-mini",
      messages: USER_HELLO,
      tools: [WEATHER_TOOL],
    });
    expect(r.choices[0]?.finish_reason).toBe("tool_calls");
    expect(r.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      type: "function",
      function: { name: "weather", arguments: '{"city":"Oslo"}' },
    });
    const runner = client.chat.completions.stream({
      model: "openai/gpt-4o-mini",
      messages: USER_HELLO,
      tools: [WEATHER_TOOL],
    });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === "function" && call.function.arguments).toBe('{"city":"Oslo"}');
  });
});

describe("scripting tool calls", () => {
  it("refuses what a protocol cannot send, and fragments that do not join up", () => {
    // Gemini sends calls since its function-calling support, but only with object arguments.
    expect(() => sim.script("gemini", { toolCalls: [{ name: "x", arguments: "[1]" }] })).toThrow(
      /must be an object \(Gemini's functionCall args\)/,
    );
    expect(() => sim.script("gemini", { refusal: "no" })).toThrow(
      /refusal is not sent by this protocol/,
    );
    expect(() =>
      sim.script("openai", {
        toolCalls: [{ name: "x", arguments: { a: 1 }, argumentChunks: ['{"a":'] }],
      }),
    ).toThrow(/must join to the arguments string/);
    expect(() => sim.script("openai", { json: {}, text: "x" })).toThrow(/json or text/);
  });
});

async function badRequest(promise: Promise<unknown>): Promise<OpenAIAPIError> {
  const error = await rejectionOf<OpenAIAPIError>(promise);
  expect(error.status).toBe(400);
  return error;
}

describe("what OpenAI rejects: tools, tool_choice and tool messages", () => {
  it("rejects tool_choice without tools, naming an unknown tool, and an empty tools array", async () => {
    const client = openAIClient(sim);
    const noTools = await badRequest(
      client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: USER_HELLO,
        tool_choice: "auto",
      }),
    );
    expect(noTools.error).toEqual({
      message:
        "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
      type: "invalid_request_error",
      param: "tool_choice",
      code: null,
    });
    const unknown = await badRequest(
      client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: USER_HELLO,
        tools: [WEATHER_TOOL],
        tool_choice: { type: "function", function: { name: "forecast" } },
      }),
    );
    expect(unknown.message).toBe("400 Tool choice 'forecast' not found in 'tools' parameter.");
    expect(unknown.param).toBe("tool_choice");
    const empty = await badRequest(
      client.chat.completions.create({ model: "gpt-4o-mini", messages: USER_HELLO, tools: [] }),
    );
    expect(empty.code).toBe("empty_array");
    const badName = await badRequest(
      client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: USER_HELLO,
        tools: [{ ...WEATHER_TOOL, function: { ...WEATHER_TOOL.function, name: "get weather" } }],
      }),
    );
    expect(badName.param).toBe("tools[0].function.name");
    expect(sim.pendingSteps("openai")).toBe(0);
  });

  it("rejects a tool message that answers no call, and a call left unanswered", async () => {
    const client = openAIClient(sim);
    const orphan = await badRequest(
      client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [...USER_HELLO, { role: "tool", tool_call_id: "call_x", content: "{}" }],
      }),
    );
    expect(orphan.message).toBe(
      "400 Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
    );
    expect(orphan.param).toBe("messages.[1].role");
    const unanswered = await badRequest(
      client.chat.completions.create({
        model: "gpt-4o-mini",
        tools: [WEATHER_TOOL],
        messages: [
          ...USER_HELLO,
          {
            role: "assistant",
            content: null,
            tool_calls: [
              { id: "call_1", type: "function", function: { name: "weather", arguments: "{}" } },
              { id: "call_2", type: "function", function: { name: "weather", arguments: "{}" } },
            ],
          },
          { role: "tool", tool_call_id: "call_1", content: "{}" },
          { role: "user", content: "and?" },
        ],
      }),
    );
    expect(unanswered.message).toContain(
      "The following tool_call_ids did not have response messages: call_2",
    );
    expect(unanswered.param).toBe("messages.[1].role");
  });

  it("accepts a full round trip: call, tool result, answer", async () => {
    sim.script("openai", { text: "18 °C in Paris." });
    const r = await openAIClient(sim).chat.completions.create({
      model: "gpt-4o-mini",
      tools: [WEATHER_TOOL],
      messages: [
        ...USER_HELLO,
        {
          role: "assistant",
          content: null,
          tool_calls: [
            {
              id: "call_1",
              type: "function",
              function: { name: "weather", arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: "tool", tool_call_id: "call_1", content: '{"tempC":18}' },
      ],
    });
    expect(r.choices[0]?.message.content).toBe("18 °C in Paris.");
  });
});

function strictFormat(schema: unknown, name = "invoice") {
  return {
    type: "json_schema" as const,
    json_schema: { name, strict: true, schema: schema as Record<string, unknown> },
  };
}

describe("what OpenAI rejects: strict-mode schemas, with its real 400 bodies", () => {
  const ask = (extra: Record<string, unknown>) =>
    openAIClient(sim).chat.completions.create({
      model: "gpt-4o-mini",
      messages: USER_HELLO,
      ...extra,
    } as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming);

  it("a nested object without additionalProperties: false", async () => {
    const error = await badRequest(
      ask({
        response_format: strictFormat({
          type: "object",
          properties: { etymology: { type: "object", properties: {}, required: [] } },
          required: ["etymology"],
          additionalProperties: false,
        }),
      }),
    );
    expect(error.error).toEqual({
      message:
        "Invalid schema for response_format 'invoice': In context=('properties', 'etymology'), 'additionalProperties' is required to be supplied and to be false.",
      type: "invalid_request_error",
      param: "response_format",
      code: null,
    });
  });

  it("an optional property (not in required) in a strict tool", async () => {
    const error = await badRequest(
      ask({
        tools: [
          {
            type: "function",
            function: {
              name: "mysql_execute",
              strict: true,
              parameters: {
                type: "object",
                properties: {
                  sql: { type: "string" },
                  params: { type: "array", items: { type: "string" } },
                },
                required: ["sql"],
                additionalProperties: false,
              },
            },
          },
        ],
      }),
    );
    expect(error.error).toEqual({
      message:
        "Invalid schema for function 'mysql_execute': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'params'.",
      type: "invalid_request_error",
      param: "tools[0].parameters",
      code: "invalid_function_parameters",
    });
  });

  it("allOf, default, a root that is not an object, a typeless schema, an array without items", async () => {
    const closed = (properties: Record<string, unknown>) => ({
      type: "object",
      properties,
      required: Object.keys(properties),
      additionalProperties: false,
    });
    const cases: [unknown, string][] = [
      [
        closed({ rich_text: { type: "array", items: { allOf: [{ type: "string" }] } } }),
        "In context=('properties', 'rich_text', 'items'), 'allOf' is not permitted.",
      ],
      [
        closed({ placeholder: { type: "string", default: "x" } }),
        "In context=('properties', 'placeholder'), 'default' is not permitted.",
      ],
      [
        { type: "array", items: { type: "string" } },
        `schema must be a JSON Schema of 'type: "object"', got 'type: "array"'.`,
      ],
      [
        { anyOf: [closed({ a: { type: "string" } })] },
        `schema must be a JSON Schema of 'type: "object"', got 'type: None'.`,
      ],
      [
        closed({ anything: {} }),
        "In context=('properties', 'anything'), schema must have a 'type' key.",
      ],
      [
        closed({ tags: { type: "array" } }),
        "In context=('properties', 'tags'), array schema missing items.",
      ],
    ];
    for (const [schema, detail] of cases) {
      const error = await badRequest(ask({ response_format: strictFormat(schema) }));
      expect(error.message).toBe(`400 Invalid schema for response_format 'invoice': ${detail}`);
    }
  });

  it("size limits: nesting deeper than 10 levels, more than 1000 enum values", async () => {
    let deep: Record<string, unknown> = { type: "string" };
    for (let level = 0; level < 11; level++) {
      deep = {
        type: "object",
        properties: { x: deep },
        required: ["x"],
        additionalProperties: false,
      };
    }
    const tooDeep = await badRequest(ask({ response_format: strictFormat(deep) }));
    expect(tooDeep.message).toBe(
      "400 Invalid schema for response_format 'invoice': 11 levels of nesting exceeds limit of 10.",
    );
    const manyEnums = {
      type: "object",
      properties: {
        a: { type: "string", enum: Array.from({ length: 600 }, (_, i) => `a${i}`) },
        b: { type: "string", enum: Array.from({ length: 401 }, (_, i) => `b${i}`) },
      },
      required: ["a", "b"],
      additionalProperties: false,
    };
    const enums = await badRequest(ask({ response_format: strictFormat(manyEnums) }));
    expect(enums.message).toContain("1001 enum values exceeds limit of 1000.");
  });

  it("accepts a valid strict schema (nullable via type list and anyOf, $defs, recursion) and non-strict loose ones", async () => {
    const schema = {
      type: "object",
      properties: {
        name: { type: ["string", "null"] },
        note: { anyOf: [{ type: "string" }, { type: "null" }] },
        kind: { type: "string", enum: ["a", "b"] },
        child: { $ref: "#/$defs/node" },
      },
      required: ["name", "note", "kind", "child"],
      additionalProperties: false,
      $defs: {
        node: {
          type: "object",
          properties: { children: { type: "array", items: { $ref: "#" } } },
          required: ["children"],
          additionalProperties: false,
        },
      },
    };
    sim.script("openai", { json: { name: null, note: null, kind: "a", child: { children: [] } } });
    const r = await ask({ response_format: strictFormat(schema) });
    expect(r.choices[0]?.message.content).toContain('"kind":"a"');
    // Without strict, OpenAI takes any schema.
    await ask({
      response_format: {
        type: "json_schema",
        json_schema: { name: "loose", schema: { type: "object" } },
      },
    });
    expect(sim.requestCount("openai")).toBe(2);
  });

  it("OpenRouter passes OpenAI's strict-mode 400 on wrapped as 'Provider returned error'", async () => {
    const error = await badRequest(
      openRouterClient(sim).chat.completions.create({
        model: "openai/gpt-4o-mini",
        messages: USER_HELLO,
        response_format: strictFormat({ type: "object", properties: {} }),
      }),
    );
    const body = error.error as {
      code: number;
      message: string;
      metadata: { raw: string; provider_name: string };
    };
    expect(body.code).toBe(400);
    expect(body.message).toBe("Provider returned error");
    expect(body.metadata.provider_name).toBe("OpenAI");
    expect(JSON.parse(body.metadata.raw).error).toEqual({
      message:
        "Invalid schema for response_format 'invoice': In context=(), 'additionalProperties' is required to be supplied and to be false.",
      type: "invalid_request_error",
      param: "response_format",
      code: null,
    });
  });
});
