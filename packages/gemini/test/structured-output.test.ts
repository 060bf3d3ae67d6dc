import { BudgetTracker, LLMContentFilterError, LLMInvalidResponseError } from "@llmc/core";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { rejectionOf, useGeminiSimulator } from "./support/gemini-harness.js";

const h = useGeminiSimulator();
const model = "gemini-2.5-flash";
const invoice = z.object({ total: z.number(), currency: z.string() });

function generationConfig(): Record<string, unknown> {
  return (h.sim.requests.at(-1)!.body as { generationConfig: Record<string, unknown> })
    .generationConfig;
}

describe("Gemini structured output", () => {
  it("asks for application/json with responseJsonSchema and returns the typed, validated object", async () => {
    h.sim.script("gemini", { json: { total: 12.5, currency: "EUR" } });
    const s = await h.adapter.executePrompt("Extract the invoice fields", {
      model,
      schema: invoice,
    });
    expect(s.object).toEqual({ total: 12.5, currency: "EUR" });
    expectTypeOf(s.object).toEqualTypeOf<{ total: number; currency: string }>();
    expect(generationConfig()).toMatchObject({
      responseMimeType: "application/json",
      responseJsonSchema: {
        type: "object",
        properties: { total: { type: "number" }, currency: { type: "string" } },
        required: ["total", "currency"],
      },
    });
    expect(generationConfig().responseSchema).toBeUndefined();
  });

  it("Gemini 2.0 gets responseSchema (the OpenAPI subset) instead", async () => {
    h.sim.script("gemini", { json: { total: 1, currency: "USD" } });
    const s = await h.adapter.executePrompt("x", {
      model: "gemini-2.0-flash",
      schema: z.object({ total: z.number(), currency: z.literal("USD") }),
    });
    expect(s.object).toEqual({ total: 1, currency: "USD" });
    expect(generationConfig().responseJsonSchema).toBeUndefined();
    // The SDK upper-cases the subset's types on the way out.
    expect(generationConfig().responseSchema).toEqual({
      type: "OBJECT",
      properties: {
        total: { type: "NUMBER" },
        currency: { type: "STRING", enum: ["USD"], format: "enum" },
      },
      required: ["total", "currency"],
      propertyOrdering: ["total", "currency"],
    });
  });

  it("invalid JSON → LLMInvalidResponseError with the raw text; the call is charged", async () => {
    h.sim.script("gemini", { text: '{"total": 12.5, "currency": ' });
    const budget = new BudgetTracker({ total: 1 });
    const error = (await rejectionOf(
      h.adapter.executePrompt("x", {
        model,
        schema: invoice,
        maxOutputTokens: 100,
        budgetTracker: budget,
      }),
    )) as LLMInvalidResponseError;
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect(error.rawText).toBe('{"total": 12.5, "currency": ');
    expect(error.issues).toEqual([]);
    expect(budget.spent).toBeGreaterThan(0);
    expect(budget.reserved).toBe(0);
  });

  it("JSON that fails the schema → LLMInvalidResponseError with the zod issues", async () => {
    h.sim.script("gemini", { json: { total: "12.5" } });
    const error = (await rejectionOf(
      h.adapter.executePrompt("x", { model, schema: invoice }),
    )) as LLMInvalidResponseError;
    expect(error.issues?.map((issue) => issue.path.join("."))).toEqual(["total", "currency"]);
  });

  it("a safety stop is its own error (LLMContentFilterError), not a parse error", async () => {
    h.sim.script("gemini", { text: "", finishReason: "SAFETY" });
    const error = await rejectionOf(h.adapter.executePrompt("x", { model, schema: invoice }));
    expect(error).toBeInstanceOf(LLMContentFilterError);
    expect(error).toMatchObject({ reason: "SAFETY" });
    h.sim.script("gemini", { fault: "blocked-prompt" });
    expect(
      await rejectionOf(h.adapter.executePrompt("x", { model, schema: invoice })),
    ).toBeInstanceOf(LLMContentFilterError);
  });

  it("repair within budget: the error goes back once as a new reserved call", async () => {
    h.sim.script("gemini", { json: { total: "12" } }, { json: { total: 12, currency: "EUR" } });
    const budget = new BudgetTracker({ total: 1 });
    const r = await h.adapter.executePrompt("Extract", {
      model,
      schema: invoice,
      repair: { attempts: 1 },
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    expect(r.object).toEqual({ total: 12, currency: "EUR" });
    expect(r.repairs).toBe(1);
    expect(h.sim.requestCount("gemini")).toBe(2);
    const repairContents = (h.sim.requests[1]!.body as { contents: unknown[] }).contents;
    expect(repairContents).toHaveLength(3);
    expect(repairContents[1]).toEqual({ role: "model", parts: [{ text: '{"total":"12"}' }] });
    expect(JSON.stringify(repairContents[2])).toMatch(/That was invalid/);
    expect(budget.spent).toBeCloseTo(r.costUsd!, 12);
    expect(budget.reserved).toBe(0);
  });

  it("repair refused by the budget: not sent, the invalid answer's error says so", async () => {
    h.sim.script("gemini", { json: { total: "12" } }, { json: { total: 12, currency: "EUR" } });
    const call = { model, schema: invoice, maxOutputTokens: 1_000 } as const;
    // Room for one reservation of this call (measured on a probe budget), not for a second.
    const probe = new BudgetTracker({ total: 1 });
    let reservedNanos = 0;
    probe.on("settle", (event) => {
      reservedNanos = event.reservedNanos;
    });
    await rejectionOf(h.adapter.executePrompt("Extract", { ...call, budgetTracker: probe }));
    await probe.flush();
    expect(reservedNanos).toBeGreaterThan(0);
    h.sim.reset();
    h.sim.script("gemini", { json: { total: "12" } }, { json: { total: 12, currency: "EUR" } });
    const budget = new BudgetTracker({ total: reservedNanos / 1e9 + 0.00001 });
    const error = (await rejectionOf(
      h.adapter.executePrompt("Extract", {
        ...call,
        repair: { attempts: 1 },
        budgetTracker: budget,
      }),
    )) as LLMInvalidResponseError;
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect(error.message).toMatch(/A repair was not sent: it did not fit the budget/);
    expect(h.sim.requestCount("gemini")).toBe(1);
    expect(budget.spent).toBeGreaterThan(0);
    expect(budget.spent).toBeLessThanOrEqual(budget.total);
    expect(budget.reserved).toBe(0);
  });

  it("streams partial objects as they parse, then the validated object", async () => {
    h.sim.script("gemini", { chunks: ['{"total": 1', '2.5, "curr', 'ency": "EU', 'R"}'] });
    const stream = h.adapter.streamPrompt("x", { model, schema: invoice });
    const partials = [];
    for await (const partial of stream.partialObjectStream) partials.push(partial);
    expect(partials).toEqual([
      {},
      { total: 12.5 },
      { total: 12.5, currency: "EU" },
      { total: 12.5, currency: "EUR" },
    ]);
    expect(await stream.object).toEqual({ total: 12.5, currency: "EUR" });
  });

  it("the simulator refuses a response schema without the JSON mime type, as Gemini does", async () => {
    const response = await fetch(`${h.sim.gemini.baseUrl}/v1beta/models/${model}:generateContent`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-goog-api-key": "sk-test" },
      body: JSON.stringify({
        contents: [{ role: "user", parts: [{ text: "x" }] }],
        generationConfig: { responseJsonSchema: { type: "object" } },
      }),
    });
    expect(response.status).toBe(400);
  });
});
