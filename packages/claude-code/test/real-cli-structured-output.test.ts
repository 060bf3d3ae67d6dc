import { BudgetTracker, LLMConfigError, LLMInvalidResponseError, tool } from "@llmc/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type CliHarness, messageRequests, processesIn, startCliHarness } from "./helpers.js";

// `schema` through the real `claude` CLI (`--json-schema`) against the simulator's Anthropic
// endpoint. The CLI hands the model a `StructuredOutput` tool whose input schema is ours; the
// simulator answers with scripted `tool_use` blocks.
let harness: CliHarness;
beforeAll(async () => {
  harness = await startCliHarness();
});
afterAll(async () => {
  await harness.close();
});
beforeEach(() => harness.sim.reset());

const Invoice = z.object({ total: z.number(), currency: z.string(), note: z.string().optional() });
const answer = (input: unknown) => ({
  toolCalls: [{ name: "StructuredOutput", arguments: input as Record<string, unknown> }],
  usage: { inputTokens: 1000, outputTokens: 50 },
});

interface ToolBody {
  tools?: { name: string; input_schema: unknown }[];
  messages: { role: string; content: unknown }[];
}

describe("structured output through the real CLI", () => {
  it("returns the validated object, sends our JSON Schema as the StructuredOutput tool, and charges the CLI's cost", async () => {
    const { sim } = harness;
    sim.script("anthropic", answer({ total: 12.5, currency: "EUR" }));
    const budget = new BudgetTracker({ total: 1 });
    const result = await harness.adapter().executePrompt("Extract: 12.50 EUR", {
      model: "claude-sonnet-4-5",
      maxOutputTokens: 500,
      schema: Invoice,
      budgetTracker: budget,
    });
    expect(result.object).toEqual({ total: 12.5, currency: "EUR" });
    expect(result.text).toBe('{"total":12.5,"currency":"EUR"}');
    expect(result.finishReason).toEqual({ kind: "stop", raw: "tool_use" });
    expect(result.toolCalls).toEqual([]);
    // $3/$15 per MTok: 1000 × 3 + 50 × 15 = 3750 micro-dollars, computed by the CLI.
    expect(result.costUsd).toBe(0.00375);
    expect(budget.spent).toBe(0.00375);
    expect(budget.reserved).toBe(0);

    const requests = messageRequests(sim);
    expect(requests).toHaveLength(1);
    const tool = (requests[0]!.body as ToolBody).tools?.find((t) => t.name === "StructuredOutput");
    expect(tool?.input_schema).toMatchObject({
      type: "object",
      properties: {
        total: { type: "number" },
        currency: { type: "string" },
        note: { type: "string" },
      },
      required: ["total", "currency"],
    });
    expect(await processesIn(harness.cwd)).toEqual([]);
  });

  it("streams: the object arrives whole at the end (the answer is a tool input, not text)", async () => {
    harness.sim.script("anthropic", {
      text: "Let me extract that.",
      ...answer({ total: 3, currency: "USD" }),
    });
    const stream = harness.adapter().streamPrompt("Extract: 3 USD", {
      model: "claude-haiku-4-5",
      schema: Invoice,
    });
    const deltas: string[] = [];
    for await (const delta of stream) deltas.push(delta);
    expect(deltas.join("")).toBe('{"total":3,"currency":"USD"}');
    expect(await stream.object).toEqual({ total: 3, currency: "USD" });
  });

  it("an object the CLI accepted but zod refuses is LLMInvalidResponseError with the raw text and zod's issues", async () => {
    harness.sim.script("anthropic", answer({ total: -4, currency: "EUR" }));
    const schema = z.object({
      total: z.number().refine((n) => n >= 0, "total must not be negative"),
      currency: z.string(),
    });
    const error = await harness
      .adapter()
      .executePrompt("Extract", { model: "claude-sonnet-4-5", schema })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    const invalid = error as LLMInvalidResponseError;
    expect(invalid.rawText).toBe('{"total":-4,"currency":"EUR"}');
    expect(JSON.stringify(invalid.issues)).toContain("total must not be negative");
  });

  it("single-turn: a plain-text answer (or input the CLI's own check refuses) is LLMInvalidResponseError, not a max-turns error", async () => {
    const { sim } = harness;
    sim.script(
      "anthropic",
      { text: "The total is 12.50 EUR." },
      answer({ total: "12.50", currency: "EUR" }),
    );
    for (const _ of [1, 2]) {
      const error = await harness
        .adapter()
        .executePrompt("Extract", { model: "claude-sonnet-4-5", schema: Invoice })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LLMInvalidResponseError);
      expect((error as Error).message).toContain(
        "StructuredOutput tool call in the call's one turn",
      );
    }
    // One model request per call: the single-turn bound holds.
    expect(messageRequests(sim)).toHaveLength(2);
  });

  it("multi-turn: text after the CLI's reminder comes back as a success without structured_output; core fails it with the raw text", async () => {
    const { sim } = harness;
    sim.script("anthropic", { text: "Twelve fifty." }, { text: "Still twelve fifty." });
    const error = await harness
      .adapter({ maxTurns: 3, maxCallCostUsd: 0.5 })
      .executePrompt("Extract", { model: "claude-sonnet-4-5", schema: Invoice })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect((error as LLMInvalidResponseError).rawText).toBe("Still twelve fifty.");
    const reminder = JSON.stringify((messageRequests(sim)[1]!.body as ToolBody).messages.at(-1));
    expect(reminder).toContain("You MUST call the StructuredOutput tool");
  });

  it("multi-turn: input that keeps failing the CLI's check ends in error_max_structured_output_retries", async () => {
    const bad = answer({ total: "x", currency: "EUR" });
    harness.sim.script("anthropic", bad, bad, bad, bad, bad, bad);
    const error = await harness
      .adapter({ maxTurns: 10, maxCallCostUsd: 0.5 })
      .executePrompt("Extract", { model: "claude-sonnet-4-5", schema: Invoice })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect((error as Error).message).toContain(
      "Failed to provide valid structured output after 5 attempts",
    );
    expect((error as LLMInvalidResponseError).reportedCostUsd).toBeGreaterThan(0);
  });

  it("a schema the CLI refuses is LLMConfigError before any request, and nothing is charged", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const schema = z.object({ code: z.string().meta({ minLength: "two" }) });
    const error = await harness
      .adapter()
      .executePrompt("Extract", {
        model: "claude-sonnet-4-5",
        maxOutputTokens: 100,
        schema,
        budgetTracker: budget,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as Error).message).toContain(
      "Claude Code refused the response schema: the schema is not a valid JSON Schema",
    );
    expect((error as Error).message).toContain("minLength must be integer");
    expect(messageRequests(harness.sim)).toHaveLength(0);
    expect(budget.spent).toBe(0);
  });

  it("refuses function tools with what to do instead, before starting the CLI", async () => {
    const weather = tool({ description: "Weather", input: z.object({ city: z.string() }) });
    const error = await harness
      .adapter()
      .executePrompt("Weather in Paris?", {
        model: "claude-sonnet-4-5",
        tools: { weather } as never,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as Error).message).toContain(
      "Claude Code cannot call function tools back in your process",
    );
    expect((error as Error).message).toContain(
      "give the CLI its built-in tools with the adapter's `tools` option",
    );
    expect(harness.sim.requestCount()).toBe(0);
  });
});
