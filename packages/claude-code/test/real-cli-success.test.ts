import { BudgetTracker } from "@llmc/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliHarness, messageRequests, processesIn, startCliHarness } from "./helpers.js";

// The real `claude` CLI (2.1.197) against the simulator's Anthropic endpoint.
let harness: CliHarness;
beforeAll(async () => {
  harness = await startCliHarness();
});
afterAll(async () => {
  await harness.close();
});

interface AnthropicBody {
  model: string;
  max_tokens: number;
  stream?: boolean;
  tools?: unknown[];
  system: { text: string }[];
  messages: { role: string; content: string | { type: string; text?: string }[] }[];
}

/** The prompt block: the CLI puts a date reminder block before it in the same message. */
function lastUserText(body: AnthropicBody): string {
  const user = body.messages.filter((message) => message.role === "user").at(-1)!;
  return typeof user.content === "string" ? user.content : (user.content.at(-1)?.text ?? "");
}

describe("a successful call through the real CLI", () => {
  it("returns the text, usage and the cost the CLI computed, and charges it to the budget", async () => {
    const { sim } = harness;
    sim.reset();
    sim.script("anthropic", {
      text: "Hello from the simulator.",
      usage: { inputTokens: 1000, outputTokens: 500 },
    });
    const budget = new BudgetTracker({ total: 1 });
    const result = await harness.adapter().executePrompt("Say hello", {
      model: "claude-sonnet-4-5",
      maxOutputTokens: 1000,
      budgetTracker: budget,
    });

    expect(result).toMatchObject({
      text: "Hello from the simulator.",
      provider: "claude-code",
      model: "claude-sonnet-4-5",
      finishReason: { kind: "stop", raw: "end_turn" },
      usage: {
        inputTokens: 1000,
        outputTokens: 500,
        totalTokens: 1500,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
      },
      // $3/$15 per MTok, computed by the CLI itself (it prints 0.010499999999999999).
      costUsd: 0.0105,
      costSource: "provider",
      attempts: 1,
      providerMetadata: { numTurns: 1, stopReason: "end_turn", terminalReason: "completed" },
    });
    expect(result.providerMetadata.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(budget.spent).toBe(0.0105);
    expect(budget.reserved).toBe(0);

    // What the CLI sent: one streamed request, the output cap from maxOutputTokens, no tools,
    // the prompt as the last user text.
    const requests = messageRequests(sim);
    expect(requests).toHaveLength(1);
    const body = requests[0]!.body as AnthropicBody;
    expect({
      model: body.model,
      max_tokens: body.max_tokens,
      stream: body.stream,
      tools: body.tools?.length ?? 0,
      prompt: lastUserText(body),
    }).toMatchInlineSnapshot(`
      {
        "max_tokens": 1000,
        "model": "claude-sonnet-4-5",
        "prompt": "Say hello",
        "stream": true,
        "tools": 0,
      }
    `);
    expect(requests[0]!.headers["x-api-key"]).toBe("[REDACTED]");
    expect(await processesIn(harness.cwd)).toEqual([]);
  });

  it("replaces the CLI's system prompt with systemPrompt and sends a conversation as a transcript", async () => {
    const { sim } = harness;
    sim.reset();
    await harness.adapter().executePrompt(
      [
        { role: "system", content: "Answer in one word." },
        { role: "user", content: "My name is Ada." },
        { role: "assistant", content: "Hello Ada." },
        { role: "user", content: "What is my name?" },
      ],
      { model: "claude-haiku-4-5", systemPrompt: "You are terse." },
    );
    const body = messageRequests(sim)[0]!.body as AnthropicBody;
    // The CLI keeps its billing and identity lines; the third block is ours alone.
    expect(body.system).toHaveLength(3);
    expect(body.system[2]!.text).toBe("You are terse.\n\nAnswer in one word.");
    expect(lastUserText(body)).toContain(
      "<conversation>\n<user>\nMy name is Ada.\n</user>\n<assistant>\nHello Ada.\n</assistant>\n</conversation>\n\nWhat is my name?",
    );
  });

  it("streams text deltas as the CLI prints them, then settles like executePrompt", async () => {
    const { sim } = harness;
    sim.reset();
    sim.script("anthropic", {
      chunks: ["Streaming ", "from ", "the CLI."],
      usage: { inputTokens: 2000, outputTokens: 100 },
    });
    const budget = new BudgetTracker({ total: 1 });
    const stream = harness.adapter().streamPrompt("Stream please", {
      model: "claude-haiku-4-5",
      maxOutputTokens: 500,
      budgetTracker: budget,
    });
    const deltas: string[] = [];
    for await (const delta of stream) deltas.push(delta);
    const result = await stream.result;

    expect(deltas).toEqual(["Streaming ", "from ", "the CLI."]);
    // $1/$5 per MTok: 2000 × 1 + 100 × 5 = 2500 micro-dollars.
    expect(result).toMatchObject({
      text: "Streaming from the CLI.",
      costUsd: 0.0025,
      costSource: "provider",
      usage: { inputTokens: 2000, outputTokens: 100 },
    });
    expect(budget.spent).toBe(0.0025);
    expect(budget.reserved).toBe(0);
    expect((messageRequests(sim)[0]!.body as AnthropicBody).max_tokens).toBe(500);
  });
});
