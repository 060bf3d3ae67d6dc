import { BudgetTracker, type ChatMessage, LLMRefusalError, tool } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { rejectionOf, useSimulator } from "./simulator-fixture.js";

// Tools and structured output through the published OpenRouterAdapter (not just the generic
// Chat Completions adapter): it runs on @llmc/openai-compatible, so it must carry them end to
// end, inside a budget, over the real openai SDK against the simulator.
const env = useSimulator();

const weather = tool({
  description: "Current weather for a city",
  input: z.object({ city: z.string() }),
});
const Invoice = z.object({ total: z.number(), currency: z.string(), note: z.string().optional() });

interface Body {
  messages: { role: string; tool_call_id?: string; tool_calls?: unknown[] }[];
  tools?: { function: { name: string; strict?: boolean } }[];
  response_format?: { type: string; json_schema?: { strict?: boolean } };
}
const body = (index: number) => env.sim.requests[index]?.body as Body;

describe("OpenRouterAdapter: tools and structured output", () => {
  it("a budgeted tool round trip: the call, then the answer from the tool's result", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const config = {
      model: "openai/gpt-4o-mini",
      maxOutputTokens: 200,
      tools: { weather },
      budgetTracker: budget,
    };
    env.sim.script("openrouter", {
      toolCalls: [{ id: "call_1", name: "weather", arguments: { city: "Paris" } }],
    });
    const first = await env.adapter().executePrompt("Weather in Paris?", config);
    expect(first.toolCalls).toEqual([{ id: "call_1", name: "weather", input: { city: "Paris" } }]);
    expect(first.finishReason.kind).toBe("tool-calls");
    expect(body(0).tools?.map((t) => [t.function.name, t.function.strict])).toEqual([
      ["weather", true],
    ]);

    env.sim.script("openrouter", { text: "18 °C in Paris." });
    const messages: ChatMessage[] = [
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: first.text, toolCalls: first.toolCalls },
      { role: "tool", toolCallId: "call_1", content: JSON.stringify({ tempC: 18 }) },
    ];
    const second = await env.adapter().executePrompt(messages, config);
    expect(second.text).toBe("18 °C in Paris.");
    expect(second.toolCalls).toEqual([]);
    expect(body(1).messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(body(1).messages[2]?.tool_call_id).toBe("call_1");
    expect(budget.reserved).toBe(0);
    expect(budget.spent).toBeCloseTo(
      (first.costUsd ?? Number.NaN) + (second.costUsd ?? Number.NaN),
      9,
    );
  });

  it("schema → strict json_schema response_format and a validated, typed object", async () => {
    env.sim.script("openrouter", { json: { total: 12.5, currency: "EUR", note: null } });
    const result = await env.adapter().executePrompt("Extract the invoice", {
      model: "openai/gpt-4o-mini",
      schema: Invoice,
    });
    const total: number = result.object.total;
    expect(total).toBe(12.5);
    expect(result.object).toEqual({ total: 12.5, currency: "EUR" });
    expect(body(0).response_format?.type).toBe("json_schema");
    expect(body(0).response_format?.json_schema?.strict).toBe(true);
  });

  it("a refusal is an LLMRefusalError, not a parse error", async () => {
    env.sim.script("openrouter", { refusal: "I can't help with that." });
    const error = await rejectionOf(
      env.adapter().executePrompt("Extract", { model: "openai/gpt-4o-mini", schema: Invoice }),
    );
    expect(error).toBeInstanceOf(LLMRefusalError);
  });

  it("a streamed tool call arrives as one validated tool-call part", async () => {
    env.sim.script("openrouter", {
      toolCalls: [{ id: "call_9", name: "weather", arguments: { city: "Oslo" } }],
    });
    const stream = env.adapter().streamPrompt("Weather in Oslo?", {
      model: "openai/gpt-4o-mini",
      tools: { weather },
    });
    const calls: unknown[] = [];
    for await (const part of stream.partStream) {
      if (part.type === "tool-call") calls.push(part.toolCall);
    }
    expect(calls).toEqual([{ id: "call_9", name: "weather", input: { city: "Oslo" } }]);
    expect((await stream.result).finishReason.kind).toBe("tool-calls");
  });
});
