import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  BudgetTracker,
  LLMBudgetExceededError,
  LLMInvalidResponseError,
  type ProviderRequest,
  type ProviderStreamPart,
  tool,
} from "../src/index.js";
import { reply, TestAdapter } from "./support/test-adapter.js";

const invoice = z.object({ total: z.number(), currency: z.string() });

describe("structured output (schema)", () => {
  it("sends the schema, parses and validates the answer into a typed object", async () => {
    const adapter = new TestAdapter(async () => reply('{"total": 12.5, "currency": "EUR"}'));
    const s = await adapter.executePrompt("Extract the invoice fields", {
      model: "test-model",
      schema: invoice,
    });
    expect(s.object).toEqual({ total: 12.5, currency: "EUR" });
    expectTypeOf(s.object).toEqualTypeOf<{ total: number; currency: string }>();
    expect(adapter.requests[0]!.responseSchema).toMatchObject({
      name: "response",
      jsonSchema: { type: "object", required: ["total", "currency"] },
    });
    expect(adapter.requests[0]!.responseSchema!.zod).toBe(invoice);
  });

  it("invalid JSON is LLMInvalidResponseError with the raw text; a cut answer says so", async () => {
    const adapter = new TestAdapter(async () => ({
      ...reply('{"total": 12.5, "curr'),
      finishReason: { kind: "length", raw: "length" },
    }));
    const error = (await adapter
      .executePrompt("x", { model: "test-model", schema: invoice })
      .catch((e: unknown) => e)) as LLMInvalidResponseError;
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect(error.rawText).toBe('{"total": 12.5, "curr');
    expect(error.issues).toEqual([]);
    expect(error.message).toMatch(/not valid JSON.*raise `maxOutputTokens`/);
  });

  it("JSON that fails the schema carries the zod issues", async () => {
    const adapter = new TestAdapter(async () => reply('{"total": "12"}'));
    const error = (await adapter
      .executePrompt("x", { model: "test-model", schema: invoice })
      .catch((e: unknown) => e)) as LLMInvalidResponseError;
    expect(error.issues?.map((issue) => issue.path)).toEqual([["total"], ["currency"]]);
    expect(error.message).toMatch(/does not match the schema: total: .*; currency:/);
    expect(error.toolName).toBeUndefined();
  });

  it("types result.object and result.toolCalls from the config", async () => {
    const weather = tool({ description: "w", input: z.object({ city: z.string() }) });
    const adapter = new TestAdapter(async () => reply('{"total": 1, "currency": "EUR"}'));
    const plain = await adapter.executePrompt("x", { model: "test-model" });
    expectTypeOf(plain.object).toEqualTypeOf<undefined>();
    const withTools = await adapter.executePrompt("x", { model: "test-model", tools: { weather } });
    type Call = (typeof withTools.toolCalls)[number];
    expectTypeOf<Call["name"]>().toEqualTypeOf<"weather">();
    expectTypeOf<Call["input"]>().toEqualTypeOf<{ city: string }>();
    const both = await adapter
      .executePrompt("x", { model: "test-model", tools: { weather }, schema: invoice })
      .catch(() => undefined);
    expectTypeOf<NonNullable<typeof both>["object"]>().toEqualTypeOf<
      { total: number; currency: string } | undefined
    >();
    const stream = adapter.streamPrompt("x", { model: "test-model", schema: invoice });
    expectTypeOf(stream.object).toEqualTypeOf<Promise<{ total: number; currency: string }>>();
    await stream.result;
  });
});

describe("repair", () => {
  it("feeds the error back once, as a new budgeted call, and returns the repaired object", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const answers = ['{"total": "12"}', '{"total": 12, "currency": "EUR"}'];
    const adapter = new TestAdapter(async () => reply(answers.shift()!));
    const result = await adapter.executePrompt("Extract", {
      model: "test-model",
      schema: invoice,
      repair: { attempts: 1 },
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    expect(result.object).toEqual({ total: 12, currency: "EUR" });
    expect(result.repairs).toBe(1);
    expect(result.attempts).toBe(2);
    expect(adapter.requests).toHaveLength(2);
    const repairTurns = adapter.requests[1]!.messages.slice(1);
    expect(repairTurns[0]).toEqual({ role: "assistant", content: '{"total": "12"}' });
    expect(repairTurns[1]!.content).toMatch(/That was invalid: .*total/);
    // Both calls were reserved and charged: $1/M in, $2/M out, 10 in + 5 out each.
    expect(result.usage).toMatchObject({ inputTokens: 20, outputTokens: 10 });
    expect(result.costUsd).toBeCloseTo(2 * (10e-6 + 10e-6), 12);
    expect(budget.spent).toBeCloseTo(result.costUsd!, 12);
    expect(budget.reserved).toBe(0);
  });

  it("without repair, or after its attempts, the invalid answer is the error", async () => {
    const adapter = new TestAdapter(async () => reply("not json"));
    await expect(
      adapter.executePrompt("x", { model: "test-model", schema: invoice }),
    ).rejects.toThrow(LLMInvalidResponseError);
    expect(adapter.requests).toHaveLength(1);
    await expect(
      adapter.executePrompt("x", { model: "test-model", schema: invoice, repair: { attempts: 2 } }),
    ).rejects.toThrow(/not valid JSON/);
    expect(adapter.requests).toHaveLength(4);
  });

  it("a repair that does not fit the budget is not sent; the invalid answer's error says why", async () => {
    // The first call reserves (in + 100 out tokens) ≈ $0.00025, is charged $0.00002; the
    // budget then has less than a second reservation left.
    const adapter = new TestAdapter(async () => reply("not json"));
    const probe = new BudgetTracker({ total: 1 });
    await adapter
      .executePrompt("Extract", {
        model: "test-model",
        maxOutputTokens: 100,
        schema: invoice,
        budgetTracker: probe,
      })
      .catch(() => undefined);
    const reservation = adapter.requests[0]!.reservedUsd!;
    const budget = new BudgetTracker({ total: reservation + 0.00001 });
    const error = (await adapter
      .executePrompt("Extract", {
        model: "test-model",
        maxOutputTokens: 100,
        schema: invoice,
        repair: { attempts: 1 },
        budgetTracker: budget,
      })
      .catch((e: unknown) => e)) as LLMInvalidResponseError;
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect(error.message).toMatch(/A repair was not sent: it did not fit the budget/);
    expect((error.cause as Error).name).toBe(LLMBudgetExceededError.name);
    expect(error.rawText).toBe("not json");
    expect(adapter.requests).toHaveLength(2); // the probe and the first call; no repair
    expect(budget.spent).toBeGreaterThan(0);
    expect(budget.spent).toBeLessThanOrEqual(budget.total);
    expect(budget.reserved).toBe(0);
  });

  it("repairs invalid tool arguments too, describing the bad call as text", async () => {
    const weather = tool({ description: "w", input: z.object({ city: z.string() }) });
    const replies = [
      { ...reply(""), toolCalls: [{ id: "1", name: "weather", arguments: '{"town":"Paris"}' }] },
      { ...reply(""), toolCalls: [{ id: "2", name: "weather", arguments: '{"city":"Paris"}' }] },
    ];
    const adapter = new TestAdapter(async () => replies.shift()!);
    const result = await adapter.executePrompt("x", {
      model: "test-model",
      tools: { weather },
      repair: { attempts: 1 },
    });
    expect(result.toolCalls).toEqual([{ id: "2", name: "weather", input: { city: "Paris" } }]);
    expect(adapter.requests[1]!.messages[1]).toEqual({
      role: "assistant",
      content: '[call to tool "weather" with arguments: {"town":"Paris"}]',
    });
  });
});

describe("streaming tools and objects", () => {
  function streaming(parts: ProviderStreamPart[]) {
    return new TestAdapter(async () => reply("unused"), {
      stream: async function* (_request: ProviderRequest) {
        for (const part of parts) yield part;
      },
    });
  }
  const usage = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };

  it("yields each tool call once complete and validated, text beside it", async () => {
    const weather = tool({ description: "w", input: z.object({ city: z.string() }) });
    const adapter = streaming([
      { type: "text-delta", text: "Checking" },
      { type: "tool-call", id: "a", name: "weather", arguments: '{"city":"Paris"}' },
      { type: "tool-call", id: "b", name: "weather", arguments: { city: "Rome" } },
      { type: "finish", finishReason: { kind: "stop", raw: "STOP" }, usage },
    ]);
    const stream = adapter.streamPrompt("x", { model: "test-model", tools: { weather } });
    const parts = [];
    for await (const part of stream.partStream) parts.push(part);
    expect(parts).toEqual([
      { type: "text-delta", text: "Checking" },
      { type: "tool-call", toolCall: { id: "a", name: "weather", input: { city: "Paris" } } },
      { type: "tool-call", toolCall: { id: "b", name: "weather", input: { city: "Rome" } } },
    ]);
    const result = await stream.result;
    expect(result.toolCalls.map((call) => call.id)).toEqual(["a", "b"]);
    expect(result.finishReason.kind).toBe("tool-calls");
  });

  it("an invalid streamed call is not yielded and fails the call once it is charged", async () => {
    const weather = tool({ description: "w", input: z.object({ city: z.string() }) });
    const budget = new BudgetTracker({ total: 1 });
    const adapter = streaming([
      { type: "tool-call", id: "a", name: "weather", arguments: '{"city":1}' },
      { type: "finish", finishReason: { kind: "stop", raw: "STOP" }, usage },
    ]);
    const stream = adapter.streamPrompt("x", {
      model: "test-model",
      tools: { weather },
      budgetTracker: budget,
      maxOutputTokens: 10,
    });
    const parts: unknown[] = [];
    await expect(
      (async () => {
        for await (const part of stream.partStream) parts.push(part);
      })(),
    ).rejects.toMatchObject({ code: "invalid_response", toolName: "weather" });
    expect(parts).toEqual([]);
    expect(budget.spent).toBeGreaterThan(0);
  });

  it("exposes partial objects as they parse and the final validated one", async () => {
    const adapter = streaming([
      { type: "text-delta", text: '{"total": 1' },
      { type: "text-delta", text: '2.5, "curr' },
      { type: "text-delta", text: 'ency": "EU' },
      { type: "text-delta", text: 'R"}' },
      { type: "finish", finishReason: { kind: "stop", raw: "stop" }, usage },
    ]);
    const stream = adapter.streamPrompt("x", { model: "test-model", schema: invoice });
    const partials = [];
    for await (const partial of stream.partialObjectStream) partials.push(partial);
    expect(partials).toEqual([
      {},
      { total: 12.5 },
      { total: 12.5, currency: "EU" },
      { total: 12.5, currency: "EUR" },
    ]);
    expect(await stream.object).toEqual({ total: 12.5, currency: "EUR" });
    expect((await stream.result).text).toBe('{"total": 12.5, "currency": "EUR"}');
  });

  it("a repaired stream marks the repair; the partial object starts over with the new answer", async () => {
    const answers: ProviderStreamPart[][] = [
      [
        { type: "text-delta", text: '{"total": "1' },
        { type: "text-delta", text: '2"}' },
        { type: "finish", finishReason: { kind: "stop", raw: "stop" }, usage },
      ],
      [
        { type: "text-delta", text: '{"total": 12, ' },
        { type: "text-delta", text: '"currency": "EUR"}' },
        { type: "finish", finishReason: { kind: "stop", raw: "stop" }, usage },
      ],
    ];
    const adapter = new TestAdapter(async () => reply("unused"), {
      stream: async function* () {
        for (const part of answers.shift()!) yield part;
      },
    });
    const budget = new BudgetTracker({ total: 1 });
    const stream = adapter.streamPrompt("x", {
      model: "test-model",
      schema: invoice,
      repair: { attempts: 1 },
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    const [parts, partials] = await Promise.all([
      (async () => {
        const seen: string[] = [];
        for await (const part of stream.partStream) seen.push(part.type);
        return seen;
      })(),
      (async () => {
        const seen: unknown[] = [];
        for await (const partial of stream.partialObjectStream) seen.push(partial);
        return seen;
      })(),
    ]);
    expect(parts).toEqual(["text-delta", "text-delta", "repair", "text-delta", "text-delta"]);
    expect(partials).toEqual([
      { total: "1" },
      { total: "12" },
      { total: 12 },
      { total: 12, currency: "EUR" },
    ]);
    const result = await stream.result;
    expect(result.object).toEqual({ total: 12, currency: "EUR" });
    expect(result.repairs).toBe(1);
    expect(adapter.requests).toHaveLength(2);
    expect(budget.spent).toBeCloseTo(result.costUsd!, 12);
    expect(budget.reserved).toBe(0);
  });

  it("text and parts can be read side by side; the old text API is unchanged", async () => {
    const adapter = streaming([
      { type: "text-delta", text: "a" },
      { type: "text-delta", text: "b" },
      { type: "finish", finishReason: { kind: "stop", raw: "stop" }, usage },
    ]);
    const stream = adapter.streamPrompt("x", { model: "test-model" });
    const [texts, parts] = await Promise.all([
      (async () => {
        const seen: string[] = [];
        for await (const text of stream) seen.push(text);
        return seen;
      })(),
      (async () => {
        const seen: unknown[] = [];
        for await (const part of stream.partStream) seen.push(part);
        return seen;
      })(),
    ]);
    expect(texts).toEqual(["a", "b"]);
    expect(parts).toHaveLength(2);
    expect(() => stream.textStream[Symbol.asyncIterator]()).toThrow(/only once/);
  });
});
