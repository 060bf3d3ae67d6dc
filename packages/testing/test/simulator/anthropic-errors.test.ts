import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/index.js";
import { anthropicClient } from "./support/clients.js";
import { drainError, rejectionOf } from "./support/rejection.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

type AnthropicAPIError = InstanceType<typeof Anthropic.APIError>;
const HELLO = [{ role: "user" as const, content: "Hello" }];

function failure(client = anthropicClient(sim)) {
  return rejectionOf<AnthropicAPIError>(
    client.messages.create({ model: "claude-sonnet-5", max_tokens: 100, messages: HELLO }),
  );
}

describe("Anthropic errors through @anthropic-ai/sdk", () => {
  it("maps presets to status, class, error.type and headers", async () => {
    sim.script(
      "anthropic",
      { fault: "overloaded" },
      { fault: "rate-limit", retryAfterSeconds: 7 },
      { fault: "context-length", inputTokens: 205429 },
      { fault: "model-not-found", model: "claude-does-not-exist" },
      { fault: "auth" },
      { fault: "server-error" },
      { fault: "insufficient-credits" },
      { fault: "http-error", status: 413 },
    );
    const overloaded = await failure();
    expect(overloaded).toBeInstanceOf(Anthropic.InternalServerError);
    expect(overloaded.constructor.name).toBe("OverloadedError");
    expect(overloaded.status).toBe(529);
    expect(overloaded.type).toBe("overloaded_error");
    expect(overloaded.requestID).toMatch(/^req_sim/);
    expect(overloaded.headers?.get("x-should-retry")).toBe("true");

    const rate = await failure();
    expect(rate).toBeInstanceOf(Anthropic.RateLimitError);
    expect(rate.headers?.get("retry-after")).toBe("7");
    expect(rate.type).toBe("rate_limit_error");

    const context = await failure();
    expect(context).toBeInstanceOf(Anthropic.BadRequestError);
    expect(context.apiMessage).toBe("prompt is too long: 205429 tokens > 200000 maximum");
    expect(context.headers?.get("x-should-retry")).toBe("false");

    const notFound = await failure();
    expect(notFound).toBeInstanceOf(Anthropic.NotFoundError);
    expect(notFound.error).toMatchObject({
      type: "error",
      error: { type: "not_found_error", message: "model: claude-does-not-exist" },
    });

    expect(await failure()).toBeInstanceOf(Anthropic.AuthenticationError);
    const server = await failure();
    expect(server).toBeInstanceOf(Anthropic.InternalServerError);
    expect(server.type).toBe("api_error");
    const credits = await failure();
    expect(credits).toBeInstanceOf(Anthropic.BadRequestError);
    expect(credits.apiMessage).toContain("credit balance is too low");
    const tooLarge = await failure();
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.type).toBe("request_too_large");
  });

  it("a wrong key through the SDK is an AuthenticationError", async () => {
    const error = await failure(anthropicClient(sim, { apiKey: "sk-ant-nope" }));
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error.status).toBe(401);
  });

  it("retries 529 honouring retry-after-ms, then succeeds", async () => {
    sim.script(
      "anthropic",
      { fault: "http-error", status: 529, headers: { "retry-after-ms": "5" } },
      { fault: "rate-limit", retryAfterMs: 5 },
      { text: "finally" },
    );
    const message = await anthropicClient(sim, { maxRetries: 2 }).messages.create({
      model: "m",
      max_tokens: 100,
      messages: HELLO,
    });
    expect(message.content).toEqual([{ type: "text", text: "finally" }]);
    expect(sim.requestCount("anthropic")).toBe(3);
  });

  it("midstream-error: event: error overloaded_error → APIError without status", async () => {
    sim.script("anthropic", { fault: "midstream-error", afterChunks: 1 });
    const stream = await anthropicClient(sim).messages.create({
      model: "m",
      max_tokens: 100,
      messages: HELLO,
      stream: true,
    });
    const error = await drainError<AnthropicAPIError>(stream);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error.status).toBeUndefined();
    expect(error.type).toBe("overloaded_error");
  });

  it("midstream-error on a non-streaming request is a 529", async () => {
    sim.script("anthropic", { fault: "midstream-error" });
    expect((await failure()).status).toBe(529);
  });

  it("cut and stalled streams, and hangs, end in errors the SDK reports", async () => {
    sim.script(
      "anthropic",
      { fault: "cut-stream", afterChunks: 2 },
      { fault: "stall-stream", afterChunks: 0 },
      { fault: "hang" },
    );
    const cut = anthropicClient(sim).messages.stream({
      model: "m",
      max_tokens: 100,
      messages: HELLO,
    });
    await expect(cut.finalMessage()).rejects.toThrow();

    const stalled = anthropicClient(sim).messages.stream(
      { model: "m", max_tokens: 100, messages: HELLO },
      { timeout: 200 },
    );
    const controller = setTimeout(() => stalled.abort(), 200);
    await expect(stalled.finalMessage()).rejects.toThrow();
    clearTimeout(controller);

    const hung = await rejectionOf(
      anthropicClient(sim).messages.create(
        { model: "m", max_tokens: 10, messages: HELLO },
        { timeout: 150 },
      ),
    );
    expect(hung).toBeInstanceOf(Anthropic.APIConnectionTimeoutError);
  });
});
