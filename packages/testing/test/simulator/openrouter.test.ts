import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/index.js";
import { openRouterClient, TEST_KEY, USER_HELLO } from "./support/clients.js";
import { postJson, sseDataPayloads } from "./support/raw-http.js";
import { drainError, type OpenAIAPIError, rejectionOf } from "./support/rejection.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

/** OpenRouter-only usage fields, which the openai SDK passes through untyped. */
interface OpenRouterUsage {
  cost: number;
  is_byok: boolean;
  cost_details: { upstream_inference_cost: number; upstream_inference_prompt_cost: number };
  prompt_tokens_details: { cached_tokens: number; cache_write_tokens: number };
}

const URL_PATH = "/chat/completions";
const AUTH = { authorization: `Bearer ${TEST_KEY}` };

describe("OpenRouter through the openai SDK", () => {
  it("serves /api/v1/chat/completions with cost, cost_details, is_byok, provider and native_finish_reason", async () => {
    sim.script("openrouter", {
      text: "routed",
      usage: {
        inputTokens: 3329,
        outputTokens: 53,
        cachedInputTokens: 3211,
        cacheWriteTokens: 115,
      },
      costUsd: 0.00219855,
      upstreamProvider: "Anthropic",
      nativeFinishReason: "end_turn",
    });
    const { data, response } = await openRouterClient(sim)
      .chat.completions.create({ model: "anthropic/claude-sonnet-4.5", messages: USER_HELLO })
      .withResponse();
    expect(sim.requests[0]?.path).toBe("/api/v1/chat/completions");
    expect(data.choices[0]?.message.content).toBe("routed");
    const raw = data as unknown as {
      provider: string;
      choices: { native_finish_reason: string }[];
    };
    expect(raw.provider).toBe("Anthropic");
    expect(raw.choices[0]?.native_finish_reason).toBe("end_turn");
    const usage = data.usage as unknown as OpenRouterUsage;
    expect(usage.cost).toBe(0.00219855);
    expect(usage.is_byok).toBe(false);
    expect(usage.cost_details.upstream_inference_cost).toBe(0.00219855);
    expect(usage.prompt_tokens_details).toMatchObject({
      cached_tokens: 3211,
      cache_write_tokens: 115,
    });
    expect(response.headers.get("x-generation-id")).toBe(data.id);
    expect(data.id).toMatch(/^gen-/);
  });

  it("prices the default reply at $1/M input + $2/M output, with or without usage.include", async () => {
    sim.script("openrouter", { usage: { inputTokens: 1_000_000, outputTokens: 500_000 } });
    const reply = await openRouterClient(sim).chat.completions.create({
      model: "openai/gpt-4o-mini",
      messages: USER_HELLO,
      // @ts-expect-error OpenRouter's deprecated flag; passed through unchanged.
      usage: { include: true },
    });
    expect((reply.usage as unknown as OpenRouterUsage).cost).toBe(2);
    expect(sim.requests[0]?.body).toMatchObject({ usage: { include: true } });
  });

  it("streams keep-alive comments, chunks, a usage+cost chunk (always) and [DONE]", async () => {
    const response = await postJson(
      `${sim.openrouter.baseURL}${URL_PATH}`,
      { model: "x/y", messages: USER_HELLO, stream: true },
      AUTH,
    );
    expect(response.text.startsWith(": OPENROUTER PROCESSING\n\n")).toBe(true);
    const payloads = sseDataPayloads(response.text);
    expect(payloads.at(-1)).toBe("[DONE]");
    const usageChunk = payloads.at(-2) as {
      choices: unknown[];
      usage: OpenRouterUsage;
      provider: string;
    };
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage.cost).toBeGreaterThan(0);
    expect(usageChunk.provider).toBe("Simulator");
    const finish = payloads.at(-3) as {
      choices: { finish_reason: string; native_finish_reason: string }[];
    };
    expect(finish.choices[0]).toMatchObject({
      finish_reason: "stop",
      native_finish_reason: "stop",
    });
  });

  it("the SDK ignores the comments and yields the text and usage", async () => {
    sim.script("openrouter", { chunks: ["Hello", "!"], costUsd: 0.000837 });
    const stream = await openRouterClient(sim).chat.completions.create({
      model: "x/y",
      messages: USER_HELLO,
      stream: true,
    });
    let text = "";
    let cost: number | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) cost = (chunk.usage as unknown as OpenRouterUsage).cost;
    }
    expect(text).toBe("Hello!");
    expect(cost).toBe(0.000837);
  });

  it("midstream-error: HTTP 200 chunk with top-level error AND usage; the SDK throws (usage lost)", async () => {
    sim.script("openrouter", {
      fault: "midstream-error",
      afterChunks: 1,
      code: 400,
      message: "Token limit reached",
      usage: { inputTokens: 43, outputTokens: 10, reasoningTokens: 11 },
    });
    const response = await postJson(
      `${sim.openrouter.baseURL}${URL_PATH}`,
      { model: "x/y", messages: USER_HELLO, stream: true },
      AUTH,
    );
    expect(response.status).toBe(200);
    const payloads = sseDataPayloads(response.text);
    expect(payloads.at(-1)).toBe("[DONE]");
    const errorChunk = payloads.at(-2) as {
      error: unknown;
      usage: { prompt_tokens: number; cost: number };
    };
    expect(errorChunk.error).toEqual({ code: 400, message: "Token limit reached" });
    expect(errorChunk.usage.prompt_tokens).toBe(43);
    expect(typeof errorChunk.usage.cost).toBe("number");

    sim.script("openrouter", { fault: "midstream-error" });
    const stream = await openRouterClient(sim).chat.completions.create({
      model: "x/y",
      messages: USER_HELLO,
      stream: true,
    });
    const error = await drainError<OpenAIAPIError>(stream);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error?.status).toBeUndefined();
    expect(error?.code).toBe(502);
  });

  it("errors carry a numeric code; 402 is a plain APIError", async () => {
    sim.script(
      "openrouter",
      { fault: "insufficient-credits" },
      { fault: "rate-limit", retryAfterSeconds: 3 },
      { fault: "model-not-found" },
      { fault: "context-length", maxContextTokens: 1000, inputTokens: 1200 },
      { fault: "overloaded" },
      { fault: "server-error" },
    );
    const call = () =>
      rejectionOf<OpenAIAPIError>(
        openRouterClient(sim).chat.completions.create({
          model: "google/gemini-2.5-flash:free",
          messages: USER_HELLO,
        }),
      );

    const credits = await call();
    expect(credits.constructor).toBe(OpenAI.APIError);
    expect(credits.status).toBe(402);
    expect(credits.code).toBe(402);
    expect(credits.message).toContain("Insufficient credits");
    const rate = await call();
    expect(rate).toBeInstanceOf(OpenAI.RateLimitError);
    expect(rate.code).toBe(429);
    expect(rate.headers?.get("retry-after")).toBe("3");
    expect((rate.error as { metadata: { raw: string } }).metadata.raw).toContain(
      "rate-limited upstream",
    );
    const notFound = await call();
    expect(notFound).toBeInstanceOf(OpenAI.NotFoundError);
    expect(notFound.message).toBe("404 No endpoints found for google/gemini-2.5-flash:free.");
    const context = await call();
    expect(context).toBeInstanceOf(OpenAI.BadRequestError);
    expect(context.message).toContain("maximum context length is 1000 tokens");
    const overloaded = await call();
    expect(overloaded.status).toBe(503);
    const server = await call();
    expect(server).toBeInstanceOf(OpenAI.InternalServerError);
  });

  it("rejects a bad key with 401 and a missing one with 'No auth credentials found'", async () => {
    const error = await rejectionOf<OpenAIAPIError>(
      openRouterClient(sim, { apiKey: "sk-or-bad" }).chat.completions.create({
        model: "x/y",
        messages: USER_HELLO,
      }),
    );

    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error.code).toBe(401);
    const missing = await postJson(`${sim.openrouter.baseURL}${URL_PATH}`, {
      model: "x",
      messages: USER_HELLO,
    });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.text)).toEqual({
      error: { code: 401, message: "No auth credentials found" },
    });
  });
});
