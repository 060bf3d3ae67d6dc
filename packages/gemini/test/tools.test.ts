import {
  BudgetTracker,
  type ChatMessage,
  LLMConfigError,
  LLMInvalidResponseError,
  tool,
} from "@llmc/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { rejectionOf, useGeminiSimulator } from "./support/gemini-harness.js";

const h = useGeminiSimulator();
const model = "gemini-2.5-flash";
const weather = tool({
  description: "Current weather for a city",
  input: z.object({ city: z.string(), unit: z.enum(["C", "F"]).optional() }),
});
const time = tool({ description: "Local time in a city", input: z.object({ city: z.string() }) });

function lastBody(): Record<string, unknown> {
  return h.sim.requests.at(-1)!.body as Record<string, unknown>;
}

describe("Gemini function calling (real @google/genai against the simulator)", () => {
  it("sends functionDeclarations with parametersJsonSchema and toolConfig; returns a validated call", async () => {
    h.sim.script("gemini", { toolCalls: [{ name: "weather", arguments: { city: "Paris" } }] });
    const r = await h.adapter.executePrompt("Weather in Paris?", {
      model,
      tools: { weather },
      toolChoice: "required",
    });
    expect(r.toolCalls).toHaveLength(1);
    expect(r.toolCalls[0]).toMatchObject({ name: "weather", input: { city: "Paris" } });
    expect(r.toolCalls[0]!.id).toMatch(/^sim\d+-call-0$/); // Gemini sent no id: one is made
    expect(r.finishReason).toEqual({ kind: "tool-calls", raw: "STOP" });
    const body = lastBody();
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: "weather",
            description: "Current weather for a city",
            parametersJsonSchema: {
              type: "object",
              properties: { city: { type: "string" }, unit: { type: "string", enum: ["C", "F"] } },
              required: ["city"],
            },
          },
        ],
      },
    ]);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: "ANY" } });
  });

  it("the reservation counts the declarations' JSON Schema text", async () => {
    const reserved: number[] = [];
    const budget = new BudgetTracker({ total: 1 });
    budget.on("settle", (event) => {
      reserved.push(event.reservedNanos);
    });
    h.sim.script("gemini", { text: "a" }, { text: "b" });
    await h.adapter.executePrompt("x", { model, maxOutputTokens: 10, budgetTracker: budget });
    await h.adapter.executePrompt("x", {
      model,
      maxOutputTokens: 10,
      budgetTracker: budget,
      tools: { weather },
    });
    await budget.flush();
    const schemaBytes = Buffer.byteLength(
      JSON.stringify(
        (lastBody().tools as { functionDeclarations: { parametersJsonSchema: unknown }[] }[])[0]!
          .functionDeclarations[0]!.parametersJsonSchema,
      ),
    );
    // gemini-2.5-flash input: $0.30 per M tokens = 300 nano-dollars a token.
    expect(reserved[1]! - reserved[0]!).toBeGreaterThanOrEqual(schemaBytes * 300);
  });

  it("toolChoice maps to AUTO / NONE / ANY with allowedFunctionNames", async () => {
    for (const [choice, expected] of [
      ["auto", { mode: "AUTO" }],
      ["none", { mode: "NONE" }],
      [{ tool: "time" }, { mode: "ANY", allowedFunctionNames: ["time"] }],
    ] as const) {
      h.sim.script("gemini", { text: "ok" });
      await h.adapter.executePrompt("x", { model, tools: { weather, time }, toolChoice: choice });
      expect(lastBody().toolConfig).toEqual({ functionCallingConfig: expected });
    }
  });

  it("returns parallel calls in order, Google's ids and thought signatures kept for the way back", async () => {
    h.sim.script("gemini", {
      text: "Looking both up.",
      toolCalls: [
        { id: "fc-1", name: "weather", arguments: { city: "Paris" }, thoughtSignature: "sig-A" },
        { id: "fc-2", name: "time", arguments: { city: "Tokyo" } },
      ],
    });
    const r = await h.adapter.executePrompt("both", { model, tools: { weather, time } });
    expect(r.text).toBe("Looking both up.");
    expect(r.toolCalls).toEqual([
      {
        id: "fc-1",
        name: "weather",
        input: { city: "Paris" },
        providerMetadata: { gemini: { callId: "fc-1", thoughtSignature: "sig-A" } },
      },
      {
        id: "fc-2",
        name: "time",
        input: { city: "Tokyo" },
        providerMetadata: { gemini: { callId: "fc-2" } },
      },
    ]);
  });

  it("a full round trip: functionCall and functionResponse turns go back as Gemini expects", async () => {
    h.sim.script(
      "gemini",
      {
        toolCalls: [
          { id: "fc-1", name: "weather", arguments: { city: "Paris" }, thoughtSignature: "sig-A" },
          { name: "time", arguments: { city: "Paris" } },
        ],
      },
      { text: "18 °C and 14:00 in Paris." },
    );
    const messages: ChatMessage[] = [{ role: "user", content: "Weather and time in Paris?" }];
    const first = await h.adapter.executePrompt(messages, { model, tools: { weather, time } });
    messages.push(
      { role: "assistant", content: first.text, toolCalls: first.toolCalls },
      { role: "tool", toolCallId: first.toolCalls[0]!.id, content: JSON.stringify({ tempC: 18 }) },
      { role: "tool", toolCallId: first.toolCalls[1]!.id, content: "14:00" },
    );
    const second = await h.adapter.executePrompt(messages, { model, tools: { weather, time } });
    expect(second.text).toBe("18 °C and 14:00 in Paris.");
    expect(second.toolCalls).toEqual([]);
    expect(lastBody().contents).toEqual([
      { role: "user", parts: [{ text: "Weather and time in Paris?" }] },
      {
        role: "model",
        parts: [
          {
            functionCall: { id: "fc-1", name: "weather", args: { city: "Paris" } },
            thoughtSignature: "sig-A",
          },
          { functionCall: { name: "time", args: { city: "Paris" } } },
        ],
      },
      {
        role: "user",
        parts: [
          { functionResponse: { id: "fc-1", name: "weather", response: { tempC: 18 } } },
          { functionResponse: { name: "time", response: { result: "14:00" } } },
        ],
      },
    ]);
  });

  it("the simulator refuses a function-response turn that does not answer every call, like Gemini", async () => {
    h.sim.script("gemini", {
      toolCalls: [
        { name: "weather", arguments: { city: "A" } },
        { name: "time", arguments: { city: "A" } },
      ],
    });
    const first = await h.adapter.executePrompt("x", { model, tools: { weather, time } });
    const error = await rejectionOf(
      h.adapter.executePrompt(
        [
          { role: "user", content: "x" },
          { role: "assistant", content: "", toolCalls: first.toolCalls },
          { role: "tool", toolCallId: first.toolCalls[0]!.id, content: "{}" },
        ],
        { model, tools: { weather, time }, maxRetries: 0 },
      ),
    );
    expect(String((error as Error).message)).toMatch(
      /number of function response parts is equal to the number of function call parts/,
    );
  });

  it("arguments that fail the tool's schema → LLMInvalidResponseError naming the tool", async () => {
    h.sim.script("gemini", { toolCalls: [{ name: "weather", arguments: { city: 7 } }] });
    const error = (await rejectionOf(
      h.adapter.executePrompt("x", { model, tools: { weather } }),
    )) as LLMInvalidResponseError;
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect(error).toMatchObject({ toolName: "weather", rawText: '{"city":7}' });
    expect(error.issues?.[0]?.path).toEqual(["city"]);
  });

  it("a malformed function call Google discarded → LLMInvalidResponseError, its usage charged", async () => {
    h.sim.script("gemini", {
      text: "",
      finishReason: "MALFORMED_FUNCTION_CALL",
      usage: { outputTokens: 30 },
    });
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(
      h.adapter.executePrompt("x", {
        model,
        tools: { weather },
        maxOutputTokens: 100,
        budgetTracker: budget,
      }),
    );
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect((error as Error).message).toMatch(
      /discarded the model's function call \(MALFORMED_FUNCTION_CALL\)/,
    );
    expect(budget.spent).toBeGreaterThan(0);
    expect(budget.reserved).toBe(0);
  });

  it("streams each call as a tool-call part once it arrives, then the result", async () => {
    h.sim.script("gemini", {
      chunks: ["Checking ", "both."],
      toolCalls: [
        { name: "weather", arguments: { city: "Paris" } },
        { name: "time", arguments: { city: "Rome" } },
      ],
    });
    const budget = new BudgetTracker({ total: 1 });
    const stream = h.adapter.streamPrompt("x", {
      model,
      tools: { weather, time },
      maxOutputTokens: 200,
      budgetTracker: budget,
    });
    const parts = [];
    for await (const part of stream.partStream) parts.push(part);
    expect(
      parts.map((part) => (part.type === "tool-call" ? part.toolCall.name : part.type)),
    ).toEqual(["text-delta", "text-delta", "weather", "time"]);
    const result = await stream.result;
    expect(result.text).toBe("Checking both.");
    expect(result.toolCalls.map((call) => [call.id, call.input])).toEqual([
      [expect.stringMatching(/-call-0$/), { city: "Paris" }],
      [expect.stringMatching(/-call-1$/), { city: "Rome" }],
    ]);
    expect(result.finishReason.kind).toBe("tool-calls");
    expect(budget.spent).toBeCloseTo(result.costUsd!, 12);
    expect(budget.reserved).toBe(0);
  });

  it("Gemini 2.0 gets `parameters` in the OpenAPI subset; what it cannot express is refused before any request", async () => {
    h.sim.script("gemini", { text: "ok" });
    await h.adapter.executePrompt("x", { model: "gemini-2.0-flash", tools: { weather } });
    const declaration = (
      lastBody().tools as { functionDeclarations: Record<string, unknown>[] }[]
    )[0]!.functionDeclarations[0]!;
    expect(declaration.parametersJsonSchema).toBeUndefined();
    // The SDK upper-cases the subset's types on the way out.
    expect(declaration.parameters).toEqual({
      type: "OBJECT",
      properties: {
        city: { type: "STRING" },
        unit: { type: "STRING", enum: ["C", "F"], format: "enum" },
      },
      required: ["city"],
      propertyOrdering: ["city", "unit"],
    });
    const before = h.sim.requestCount("gemini");
    const node: z.ZodType = z.lazy(() => z.object({ children: z.array(node) }));
    const tree = tool({ description: "a tree", input: z.object({ root: node }) });
    const error = await rejectionOf(
      h.adapter.executePrompt("x", { model: "gemini-2.0-flash", tools: { tree } }),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as Error).message).toMatch(/cannot be sent to a Gemini 1.x\/2.0 model/);
    expect(h.sim.requestCount("gemini")).toBe(before);
  });

  it("the simulator refuses JSON Schema keywords in `parameters`, as Gemini does", async () => {
    const response = await fetch(
      `${h.sim.gemini.baseUrl}/v1beta/models/gemini-2.0-flash:generateContent`,
      {
        method: "POST",
        headers: { "content-type": "application/json", "x-goog-api-key": "sk-test" },
        body: JSON.stringify({
          contents: [{ role: "user", parts: [{ text: "x" }] }],
          tools: [
            {
              functionDeclarations: [
                {
                  name: "w",
                  parameters: { type: "object", additionalProperties: false, properties: {} },
                },
              ],
            },
          ],
        }),
      },
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      `Invalid JSON payload received. Unknown name "additionalProperties" at 'tools[0].function_declarations[0].parameters': Cannot find field.`,
    );
  });
});
