import {
  LLMAbortError,
  LLMAuthenticationError,
  LLMConfigError,
  LLMContentFilterError,
  LLMContextLengthError,
  LLMError,
  LLMInvalidResponseError,
  LLMModelNotFoundError,
  LLMPermissionError,
  LLMProviderError,
  LLMRateLimitError,
  LLMTimeoutError,
} from "@llmc/core";
import { APIConnectionTimeoutError, APIUserAbortError } from "openai";
import { describe, expect, it } from "vitest";
import { mapOpenAIError } from "../src/map-openai-error.js";
import { rejectionOf, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

/** One attempt, no retries, so each fault is seen exactly as mapped. */
async function failure(model = "gpt-4o-mini"): Promise<LLMError> {
  const error = await rejectionOf(env.adapter().executePrompt("Hi", { model, maxRetries: 0 }));
  expect(LLMError.isInstance(error)).toBe(true);
  expect((error as LLMError).provider).toBe("openai");
  return error as LLMError;
}

describe("mapOpenAIError on SDK errors that need no server", () => {
  it("the SDK's own timeout → LLMTimeoutError; its abort → LLMAbortError", () => {
    expect(mapOpenAIError(new APIConnectionTimeoutError())).toBeInstanceOf(LLMTimeoutError);
    expect(mapOpenAIError(new APIUserAbortError())).toBeInstanceOf(LLMAbortError);
    expect(mapOpenAIError(new DOMException("aborted", "AbortError"))).toBeInstanceOf(LLMAbortError);
  });

  it("anything else unknown → LLMProviderError keeping the message", () => {
    const error = mapOpenAIError(new Error("something odd"));
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error.message).toBe("The OpenAI call failed: something odd");
  });
});

describe("OpenAI HTTP errors → core error classes", () => {
  it("401 invalid_api_key → LLMAuthenticationError, not retryable", async () => {
    env.sim.script("openai", { fault: "auth" });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMAuthenticationError);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(error.message).toMatch(/^OpenAI 401 invalid_api_key: Incorrect API key provided/);
  });

  it("403 unsupported region → LLMPermissionError", async () => {
    env.sim.script("openai", { fault: "http-error", status: 403 });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMPermissionError);
    expect(error).toMatchObject({ status: 403, retryable: false });
    expect(error.message).toContain("Country, region, or territory not supported");
  });

  it("404 model_not_found → LLMModelNotFoundError naming the model", async () => {
    env.sim.script("openai", { fault: "model-not-found" });
    const error = await failure("gpt-9");
    expect(error).toBeInstanceOf(LLMModelNotFoundError);
    expect(error).toMatchObject({ model: "gpt-9", retryable: false });
    expect(error.message).toContain("The model `gpt-9` does not exist");
  });

  it("404 on another resource → LLMProviderError with a baseURL hint", async () => {
    env.sim.script("openai", { fault: "http-error", status: 404 });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({ status: 404, retryable: false });
    expect(error.message).toContain("baseURL");
  });

  it("400 context_length_exceeded → LLMContextLengthError", async () => {
    env.sim.script("openai", {
      fault: "context-length",
      maxContextTokens: 128_000,
      inputTokens: 130_000,
    });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMContextLengthError);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("maximum context length is 128000 tokens");
  });

  it("any other 400 → LLMConfigError naming the parameter, with OpenAI's message", async () => {
    env.sim.script("openai", {
      fault: "http-error",
      status: 400,
      body: {
        error: {
          code: "unsupported_value",
          message:
            "Unsupported value: 'messages[0].role' does not support 'system' with this model.",
          param: "messages[0].role",
          type: "invalid_request_error",
        },
      },
    });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(error).toMatchObject({ field: "messages[0].role", retryable: false });
    expect(error.message).toBe(
      "OpenAI 400 unsupported_value: Unsupported value: 'messages[0].role' does not support 'system' with this model.",
    );
  });

  it("400 content_filter → LLMContentFilterError", async () => {
    env.sim.script("openai", {
      fault: "http-error",
      status: 400,
      body: {
        error: { code: "content_filter", message: "The response was filtered.", type: null },
      },
    });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMContentFilterError);
    expect(error).toMatchObject({ reason: "content_filter" });
  });

  it("429 rate_limit_exceeded → LLMRateLimitError with retryAfterMs from retry-after-ms", async () => {
    env.sim.script("openai", { fault: "rate-limit", retryAfterMs: 1500 });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMRateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 1500, retryable: true });
    expect(error.message).toContain("Rate limit reached for gpt-4o-mini");
  });

  it("429 with only retry-after (seconds) → retryAfterMs in milliseconds", async () => {
    env.sim.script("openai", { fault: "rate-limit", retryAfterSeconds: 2 });
    const error = await failure();
    expect(error).toMatchObject({ retryAfterMs: 2000 });
  });

  it("503 overloaded → LLMProviderError, retryable, with retry-after", async () => {
    env.sim.script("openai", { fault: "overloaded", retryAfterSeconds: 3 });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({ status: 503, retryable: true, retryAfterMs: 3000 });
    expect(error.message).toContain("The engine is currently overloaded");
  });

  it("409 conflict → LLMProviderError, retryable; 422 → not retryable", async () => {
    env.sim.script(
      "openai",
      { fault: "http-error", status: 409 },
      { fault: "http-error", status: 422 },
    );
    expect(await failure()).toMatchObject({
      name: "LLMProviderError",
      status: 409,
      retryable: true,
    });
    expect(await failure()).toMatchObject({
      name: "LLMProviderError",
      status: 422,
      retryable: false,
    });
  });

  it("x-should-retry: false makes a 5xx final", async () => {
    env.sim.script("openai", {
      fault: "http-error",
      status: 500,
      headers: { "x-should-retry": "false" },
    });
    const error = await failure();
    expect(error).toMatchObject({ status: 500, retryable: false });
  });

  it("a non-JSON error page keeps its text", async () => {
    env.sim.script("openai", {
      fault: "raw",
      status: 502,
      headers: { "content-type": "text/html" },
      body: "<html>Bad gateway</html>",
    });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({ status: 502, retryable: true });
    expect(error.message).toContain("<html>Bad gateway</html>");
  });

  it("a 200 JSON body of the wrong shape → LLMInvalidResponseError", async () => {
    env.sim.script("openai", {
      fault: "raw",
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ object: "chat.completion", choices: [] }),
    });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect(error.message).toBe(
      "OpenAI answered 200 with a body this adapter cannot read: choices[0] is missing",
    );
  });

  it("every error keeps a sanitised SDK cause with the status and code", async () => {
    env.sim.script("openai", { fault: "model-not-found" });
    const error = await failure("gpt-9");
    expect(error.cause).toMatchObject({ status: 404, code: "model_not_found" });
    expect(error.toJSON()).toMatchObject({
      name: "LLMModelNotFoundError",
      code: "model_not_found",
      provider: "openai",
      retryable: false,
      model: "gpt-9",
    });
  });
});
