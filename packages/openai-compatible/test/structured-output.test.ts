import {
  BudgetTracker,
  LLMConfigError,
  LLMInvalidResponseError,
  LLMRefusalError,
} from "@llmc/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { rejectionOf, useSimulator } from "./simulator-fixture.js";

// `schema` through the real openai SDK against the simulator, whose OpenAI endpoint refuses
// strict-mode schemas the way OpenAI does: each test here would fail against production for
// the same reason it fails here.
const env = useSimulator();

const Invoice = z.object({
  total: z.number(),
  currency: z.string(),
  note: z.string().optional(),
  lines: z.array(z.object({ sku: z.string(), qty: z.number().int().optional() })).optional(),
});

interface FormatBody {
  response_format?: {
    type: string;
    json_schema: { name: string; strict?: boolean; schema: Record<string, unknown> };
  };
}

describe("structured output over Chat Completions (strict json_schema)", () => {
  it("sends the schema in strict form and returns the validated object", async () => {
    env.sim.script("openai", {
      json: { total: 12.5, currency: "EUR", note: null, lines: [{ sku: "a", qty: 2 }] },
    });
    const result = await env
      .adapter()
      .executePrompt("Extract the invoice", { model: "test-model", schema: Invoice });
    expect(result.object).toEqual({ total: 12.5, currency: "EUR", lines: [{ sku: "a", qty: 2 }] });
    const format = (env.sim.requests[0]!.body as FormatBody).response_format;
    expect(format).toMatchObject({
      type: "json_schema",
      json_schema: { name: "response", strict: true },
    });
    expect(format?.json_schema.schema).toMatchObject({
      type: "object",
      required: ["total", "currency", "note", "lines"],
      additionalProperties: false,
      properties: { note: { type: ["string", "null"] } },
    });
  });

  it("optional fields under strict mode: the model's nulls come back absent (nested ones too)", async () => {
    env.sim.script("openai", {
      json: { total: 1, currency: "USD", note: null, lines: [{ sku: "x", qty: null }] },
    });
    const result = await env
      .adapter()
      .executePrompt("Extract", { model: "test-model", schema: Invoice });
    expect(result.object).toEqual({ total: 1, currency: "USD", lines: [{ sku: "x" }] });
    expect("note" in (result.object as object)).toBe(false);
  });

  it("invalid JSON is LLMInvalidResponseError carrying the raw text, and the call is charged", async () => {
    env.sim.script("openai", {
      text: '{"total": 12.5, "curr',
      usage: { inputTokens: 100, outputTokens: 10 },
    });
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(
      env.adapter().executePrompt("Extract", {
        model: "test-model",
        maxOutputTokens: 50,
        schema: Invoice,
        budgetTracker: budget,
      }),
    );
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect((error as LLMInvalidResponseError).rawText).toBe('{"total": 12.5, "curr');
    // $1/$2 per M: 100 in + 10 out.
    expect(budget.spent).toBeCloseTo(0.00012, 10);
  });

  it("JSON that fails the zod schema is LLMInvalidResponseError with zod's issues", async () => {
    env.sim.script("openai", {
      json: { total: "twelve", currency: "EUR", note: null, lines: null },
    });
    const error = await rejectionOf(
      env.adapter().executePrompt("Extract", { model: "test-model", schema: Invoice }),
    );
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    const issues = (error as LLMInvalidResponseError).issues ?? [];
    expect(issues.map((issue) => issue.path.join("."))).toContain("total");
  });

  it("a refusal is LLMRefusalError with the model's words, streamed or not", async () => {
    env.sim.script("openai", { refusal: "I can't help with that." }, { refusal: "Not this one." });
    const error = await rejectionOf(
      env.adapter().executePrompt("Extract", { model: "test-model", schema: Invoice }),
    );
    expect(error).toBeInstanceOf(LLMRefusalError);
    expect((error as LLMRefusalError).refusal).toBe("I can't help with that.");
    const streamed = await rejectionOf(
      env.adapter().streamPrompt("Extract", { model: "test-model", schema: Invoice }).result,
    );
    expect(streamed).toBeInstanceOf(LLMRefusalError);
    expect((streamed as LLMRefusalError).refusal).toBe("Not this one.");
  });

  it("a schema strict mode cannot express is refused before any request, naming the path", async () => {
    const schema = z.object({ meta: z.object({ counts: z.record(z.string(), z.number()) }) });
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(
      env.adapter().executePrompt("Extract", {
        model: "test-model",
        maxOutputTokens: 10,
        schema,
        budgetTracker: budget,
      }),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as LLMConfigError).message).toContain('at "meta.counts"');
    expect((error as LLMConfigError).field).toBe("schema");
    expect(env.sim.requestCount()).toBe(0);
    expect(budget.spent).toBe(0);
    expect(budget.reserved).toBe(0);
  });

  it("streams partial objects, then the validated object", async () => {
    env.sim.script("openai", {
      chunks: ['{"total":', "12.5,", '"currency":"E', 'UR","note":null,', '"lines":null}'],
    });
    const stream = env.adapter().streamPrompt("Extract", { model: "test-model", schema: Invoice });
    const partials: unknown[] = [];
    for await (const partial of stream.partialObjectStream) partials.push(partial);
    expect(partials.length).toBeGreaterThan(1);
    expect(await stream.object).toEqual({ total: 12.5, currency: "EUR" });
  });

  it("a dialect with strictSchemas: false sends the schema as zod made it, without strict", async () => {
    env.sim.script("openai", { json: { total: 1, currency: "EUR" } });
    const adapter = env.adapter({ dialect: { provider: "acme", strictSchemas: false } });
    const result = await adapter.executePrompt("Extract", { model: "test-model", schema: Invoice });
    expect(result.object).toEqual({ total: 1, currency: "EUR" });
    const format = (env.sim.requests[0]!.body as FormatBody).response_format;
    expect(format?.json_schema.strict).toBeUndefined();
    expect(format?.json_schema.schema.required).toEqual(["total", "currency"]);
  });
});

describe("structured output against OpenRouter's endpoint", () => {
  it("the same strict request and validated object through the openrouter protocol", async () => {
    env.sim.script("openrouter", {
      json: { total: 3, currency: "GBP", note: "paid", lines: null },
    });
    const adapter = env.adapter({ provider: "openrouter", baseURL: env.sim.openrouter.baseURL });
    const result = await adapter.executePrompt("Extract", { model: "test-model", schema: Invoice });
    expect(result.object).toEqual({ total: 3, currency: "GBP", note: "paid" });
    expect((env.sim.requests[0]!.body as FormatBody).response_format?.json_schema.strict).toBe(
      true,
    );
  });
});
