import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_REPLY_TEXT, type Simulator, startSimulator } from "../../src/index.js";
import { anthropicClient } from "./support/clients.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const HELLO = [{ role: "user" as const, content: "Hello there" }];

describe("Anthropic Messages through @anthropic-ai/sdk", () => {
  it("returns JSON when stream is not set, with uncached input_tokens and cache fields", async () => {
    sim.script("anthropic", {
      text: "Hi!",
      usage: { inputTokens: 1000, cachedInputTokens: 600, cacheWriteTokens: 300, outputTokens: 29 },
    });
    const message = await anthropicClient(sim).messages.create({
      model: "claude-sonnet-5",
      max_tokens: 1024,
      messages: HELLO,
    });
    expect(message.type).toBe("message");
    expect(message.content).toEqual([{ type: "text", text: "Hi!" }]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage).toMatchObject({
      input_tokens: 100,
      cache_read_input_tokens: 600,
      cache_creation_input_tokens: 300,
      output_tokens: 29,
    });
  });

  it("authenticates SDK 1.x's Authorization: Bearer (and records it redacted)", async () => {
    await anthropicClient(sim).messages.create({
      model: "claude-haiku-4-5",
      max_tokens: 64,
      messages: HELLO,
    });
    const headers = sim.requests[0]!.headers;
    expect(headers.authorization ?? headers["x-api-key"]).toBe("[REDACTED]");
    expect(headers["anthropic-version"]).toBeDefined();
  });

  it("truncates to max_tokens with stop_reason max_tokens", async () => {
    sim.script("anthropic", { text: "z".repeat(50) });
    const message = await anthropicClient(sim).messages.create({
      model: "m",
      max_tokens: 2,
      messages: HELLO,
    });
    expect(message.stop_reason).toBe("max_tokens");
    expect(message.content).toEqual([{ type: "text", text: "zzzzzzzz" }]);
    expect(message.usage.output_tokens).toBe(2);
  });

  it("streams message_start … message_stop; finalMessage has the cumulative usage", async () => {
    sim.script("anthropic", {
      chunks: ["Hello", "! I", "'m fine"],
      usage: { inputTokens: 12, outputTokens: 30 },
    });
    const stream = anthropicClient(sim).messages.stream({
      model: "claude-sonnet-5",
      max_tokens: 1024,
      messages: HELLO,
    });
    const types: string[] = [];
    const deltas: string[] = [];
    stream.on("streamEvent", (event) => types.push(event.type));
    stream.on("text", (delta) => deltas.push(delta));
    const final = await stream.finalMessage();
    expect(deltas).toEqual(["Hello", "! I", "'m fine"]);
    expect(types).toEqual([
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(final.usage.output_tokens).toBe(30);
    expect(final.usage.input_tokens).toBe(12);
    expect(final.stop_reason).toBe("end_turn");
    expect(sim.requests[0]?.stream).toBe(true);
  });

  it("the default reply streams too", async () => {
    const stream = anthropicClient(sim).messages.stream({
      model: "m",
      max_tokens: 100,
      messages: HELLO,
    });
    expect(await stream.finalText()).toBe(DEFAULT_REPLY_TEXT);
  });
});
