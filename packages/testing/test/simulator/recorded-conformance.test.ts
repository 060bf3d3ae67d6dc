import Anthropic from "@anthropic-ai/sdk";
import { ApiError } from "@google/genai";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  recordedResponseStep,
  recordingProvider,
  type Simulator,
  startSimulator,
} from "../../src/index.js";
import {
  anthropicClient,
  geminiClient,
  openAIClient,
  openRouterClient,
} from "./support/clients.js";
import { listRecordings, readRecording } from "./support/recordings.js";
import { drainError, type OpenAIAPIError, rejectionOf } from "./support/rejection.js";

/**
 * Replays every real recorded response through the simulator (as a `raw` step built by
 * `recordedResponseStep`) and checks that the matching real SDK parses it: text, usage and
 * errors. A recording without an entry here fails the first test.
 */
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

type AnthropicAPIError = InstanceType<typeof Anthropic.APIError>;
const HELLO = [{ role: "user" as const, content: "Hello" }];

const openAIChat = () =>
  openAIClient(sim).chat.completions.create({ model: "gpt-4.1-nano", messages: HELLO });
const openAIStream = async (client: OpenAI) => {
  const stream = await client.chat.completions.create({
    model: "gpt-4.1-nano",
    messages: HELLO,
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = "";
  let usage: OpenAI.CompletionUsage | undefined;
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? "";
    finish = chunk.choices[0]?.finish_reason ?? finish;
    if (chunk.usage) usage = chunk.usage;
  }
  return { text, usage, finish };
};
const openRouterChat = () =>
  openRouterClient(sim).chat.completions.create({
    model: "anthropic/claude-sonnet-4.6",
    messages: HELLO,
  });
const anthropicCreate = () =>
  anthropicClient(sim).messages.create({
    model: "claude-sonnet-5",
    max_tokens: 1024,
    messages: HELLO,
  });
const anthropicStream = () =>
  anthropicClient(sim).messages.stream({
    model: "claude-sonnet-5",
    max_tokens: 1024,
    messages: HELLO,
  });
const geminiGenerate = () =>
  geminiClient(sim).models.generateContent({ model: "gemini-2.5-flash", contents: "hi" });
const geminiStream = async () => {
  const stream = await geminiClient(sim).models.generateContentStream({
    model: "gemini-2.5-flash",
    contents: "hi",
  });
  let text = "";
  let usage: unknown;
  for await (const chunk of stream) {
    text += chunk.text ?? "";
    usage = chunk.usageMetadata;
  }
  return { text, usage };
};

const EXPECTATIONS: Record<string, () => Promise<void>> = {
  "anthropic-error-400.prompt-too-long.http": async () => {
    const error = await rejectionOf<AnthropicAPIError>(anthropicCreate());
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.status).toBe(400);
    expect(error.apiMessage).toBe("prompt is too long: 205429 tokens > 200000 maximum");
    expect(error.requestID).toBe("req_011CV5Jab6gR3ZNs9Sj6apiD");
    expect(error.headers?.get("x-should-retry")).toBe("false");
  },
  "anthropic-error-404.json": async () => {
    const error = await rejectionOf<AnthropicAPIError>(anthropicCreate());
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect(error.type).toBe("not_found_error");
    expect(error.apiMessage).toBe("model: claude-does-not-exist");
  },
  "anthropic-messages.nonstream.json": async () => {
    const message = await anthropicCreate();
    expect(message.content[0]).toMatchObject({
      type: "text",
      text: expect.stringMatching(/^Hello! I'm doing well/),
    });
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage).toMatchObject({
      input_tokens: 12,
      output_tokens: 29,
      cache_read_input_tokens: 0,
    });
  },
  "anthropic-messages.stream.jsonl": async () => {
    const stream = anthropicStream();
    const final = await stream.finalMessage();
    const text = final.content.map((block) => (block.type === "text" ? block.text : "")).join("");
    expect(text).toBe(
      "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
    );
    expect(final.usage).toMatchObject({ input_tokens: 12, output_tokens: 30 });
    expect(final.stop_reason).toBe("end_turn");
  },
  "anthropic-messages.stream.delta-input-tokens.jsonl": async () => {
    const final = await anthropicStream().finalMessage();
    expect(final.content).toEqual([{ type: "text", text: "pong" }]);
    // message_delta's restated input_tokens (61) overrides message_start's (43).
    expect(final.usage).toMatchObject({ input_tokens: 61, output_tokens: 2 });
  },
  "gemini-error-429.json": async () => {
    const error = await rejectionOf<ApiError>(geminiGenerate());
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(429);
    const body = JSON.parse(error.message) as {
      error: { status: string; details: { retryDelay?: string }[] };
    };
    expect(body.error.status).toBe("RESOURCE_EXHAUSTED");
    expect(body.error.details.find((d) => d.retryDelay)?.retryDelay).toBe("34.4s");
  },
  "gemini-generateContent.cached-thoughts.json": async () => {
    const reply = await geminiGenerate();
    expect(reply.text).toMatch(/^This video demonstrates/);
    expect(reply.usageMetadata).toMatchObject({
      promptTokenCount: 17713,
      cachedContentTokenCount: 17379,
      candidatesTokenCount: 68,
      thoughtsTokenCount: 821,
      totalTokenCount: 18602,
    });
  },
  "gemini-generateContent.thoughts.json": async () => {
    const reply = await geminiGenerate();
    expect(reply.text).toContain('There are **3** "r"s in strawberry.');
    expect(reply.candidates?.[0]?.finishReason).toBe("STOP");
    expect(reply.usageMetadata).toMatchObject({
      promptTokenCount: 9,
      candidatesTokenCount: 29,
      thoughtsTokenCount: 282,
      totalTokenCount: 320,
    });
  },
  "gemini-streamGenerateContent.raw.sse": async () => {
    const { text, usage } = await geminiStream();
    expect(text).toBe("The capital of France is Paris.\n");
    expect(usage).toMatchObject({
      promptTokenCount: 13,
      candidatesTokenCount: 8,
      totalTokenCount: 21,
    });
  },
  "gemini-streamGenerateContent.thoughts.jsonl": async () => {
    const { text, usage } = await geminiStream();
    expect(text).toBe(
      'There are **3** "r"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.',
    );
    expect(usage).toMatchObject({
      promptTokenCount: 9,
      candidatesTokenCount: 29,
      thoughtsTokenCount: 256,
      totalTokenCount: 294,
    });
  },
  "openai-chat.nonstream.cached.json": async () => {
    const reply = await openAIChat();
    expect(reply.choices[0]?.message.content).toBe("OK");
    expect(reply.usage).toMatchObject({
      prompt_tokens: 4020,
      completion_tokens: 4,
      prompt_tokens_details: { cached_tokens: 4012 },
    });
  },
  "openai-chat.nonstream.json": async () => {
    const reply = await openAIChat();
    expect(reply.choices[0]?.message.content).toMatch(/^\*\*Holiday Name:\*\* Galaxy Day/);
    expect(reply.choices[0]?.finish_reason).toBe("stop");
    expect(reply.usage).toMatchObject({
      prompt_tokens: 16,
      completion_tokens: 363,
      total_tokens: 379,
    });
  },
  "openai-chat.nonstream.reasoning.json": async () => {
    const reply = await openAIChat();
    expect(reply.choices[0]?.message.content).toBe("Hello there! How can I help you today?");
    expect(reply.usage).toMatchObject({
      completion_tokens: 87,
      completion_tokens_details: { reasoning_tokens: 64 },
    });
  },
  "openai-chat.stream.excerpt.jsonl": async () => {
    const { text, usage, finish } = await openAIStream(openAIClient(sim));
    expect(text).toBe("**Holiday Name.");
    expect(finish).toBe("stop");
    expect(usage).toMatchObject({ prompt_tokens: 16, completion_tokens: 300, total_tokens: 316 });
  },
  "openai-chat.stream.midstream-error.raw.sse": async () => {
    const error = await rejectionOf<OpenAIAPIError>(openAIStream(openAIClient(sim)));
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBeUndefined();
    expect(error.message).toContain("The server had an error while processing your request");
  },
  "openai-chat.stream.reasoning-usage.azure.jsonl": async () => {
    const { text, usage } = await openAIStream(openAIClient(sim));
    expect(text).toBe("Capital of Denmark.");
    expect(usage).toMatchObject({
      completion_tokens: 78,
      prompt_tokens: 15,
      completion_tokens_details: { reasoning_tokens: 64 },
    });
  },
  "openai-error-400.unsupported-parameter.json": async () => {
    const error = await rejectionOf<OpenAIAPIError>(openAIChat());
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.code).toBe("unsupported_parameter");
    expect(error.param).toBe("max_tokens");
  },
  "openai-error-400.unsupported-value.json": async () => {
    const error = await rejectionOf<OpenAIAPIError>(openAIChat());
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.code).toBe("unsupported_value");
    expect(error.message).toContain("does not support 'system' with this model");
  },
  "openrouter-chat.nonstream.cost-cached.json": async () => {
    const reply = await openRouterChat();
    expect(reply.choices[0]?.message.content).toMatch(/^Distributed database systems/);
    expect(reply.usage).toMatchObject({
      prompt_tokens: 3329,
      completion_tokens: 53,
      cost: 0.00219855,
      prompt_tokens_details: { cached_tokens: 3211, cache_write_tokens: 115 },
    });
  },
  "openrouter-chat.stream.cost.raw.sse": async () => {
    const { text, usage, finish } = await openAIStream(openRouterClient(sim));
    expect(text).toBe("Hello!");
    expect(finish).toBe("stop");
    expect(usage).toMatchObject({ prompt_tokens: 254, completion_tokens: 5, cost: 0.000837 });
  },
  "openrouter-chat.stream.midstream-error.raw.sse": async () => {
    const stream = await openRouterClient(sim).chat.completions.create({
      model: "minimax/minimax-m2:free",
      messages: HELLO,
      stream: true,
    });
    const error = await drainError<OpenAIAPIError>(stream);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBeUndefined();
    expect(error.code).toBe(400);
    expect(error.message).toContain("Token limit reached");
  },
  "openrouter-error-404.no-endpoints.json": async () => {
    const error = await rejectionOf<OpenAIAPIError>(openRouterChat());
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error.message).toBe("404 No endpoints found for google/gemini-2.5-flash:free.");
  },
  "openrouter-error-429.provider-rate-limited.json": async () => {
    const error = await rejectionOf<OpenAIAPIError>(openRouterChat());
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.code).toBe(429);
    expect((error.error as { metadata: { provider_name: string } }).metadata.provider_name).toBe(
      "Google",
    );
  },
};

describe("recorded responses in packages/testing/fixtures/recorded", () => {
  it("every recording has a conformance check, and every check a recording", () => {
    expect(Object.keys(EXPECTATIONS).sort()).toEqual(listRecordings());
  });

  it("every recording says in SOURCES.md where it came from", () => {
    const sourced = [...readRecording("SOURCES.md").matchAll(/^\| ([^ |]+) \|/gm)].map((m) => m[1]);
    expect(sourced.filter((name) => name !== "file").sort()).toEqual(listRecordings());
  });

  for (const name of Object.keys(EXPECTATIONS).sort()) {
    it(`the ${recordingProvider(name)} SDK parses ${name}`, async () => {
      sim.script(recordingProvider(name), recordedResponseStep(name, readRecording(name)));
      await EXPECTATIONS[name]!();
      expect(sim.requestCount()).toBe(1);
    });
  }
});
