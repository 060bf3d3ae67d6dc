import {
  LLMAbortError,
  LLMAuthenticationError,
  LLMConfigError,
  LLMContentFilterError,
  LLMContextLengthError,
  LLMError,
  LLMInsufficientCreditsError,
  LLMInvalidResponseError,
  LLMModelNotFoundError,
  LLMPermissionError,
  LLMProviderError,
  LLMRateLimitError,
  LLMTimeoutError,
} from "@llmc/core";
import { APIConnectionTimeoutError, APIUserAbortError } from "openai";
import { describe, expect, it } from "vitest";
import { mapChatCompletionsError } from "../src/map-openai-compatible-error.js";
import { rejectionOf, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();
const dialect = { provider: "acme", label: "Acme" };

async function failure(body?: unknown, status = 400, headers?: Record<string, string>) {
  env.sim.script("openai", {
    fault: "http-error",
    status,
    ...(body !== undefined ? { body } : {}),
    ...(headers ? { headers } : {}),
  });
  const error = await rejectionOf(
    env.adapter({ dialect }).executePrompt("Hi", { model: "test-model", maxRetries: 0 }),
  );
  expect(LLMError.isInstance(error)).toBe(true);
  expect((error as LLMError).provider).toBe("acme");
  return error as LLMError;
}

const body = (error: Record<string, unknown>) => ({ error });

describe("mapChatCompletionsError on errors that need no server", () => {
  it("the SDK's timeout, its abort, and anything unknown", () => {
    expect(mapChatCompletionsError(new APIConnectionTimeoutError(), dialect)).toBeInstanceOf(
      LLMTimeoutError,
    );
    expect(mapChatCompletionsError(new APIUserAbortError(), dialect)).toBeInstanceOf(LLMAbortError);
    expect(
      mapChatCompletionsError(new DOMException("aborted", "AbortError"), dialect),
    ).toBeInstanceOf(LLMAbortError);
    const odd = mapChatCompletionsError(new Error("something odd"), dialect);
    expect(odd).toBeInstanceOf(LLMProviderError);
    expect(odd.message).toBe("The Acme call failed: something odd");
    expect(mapChatCompletionsError(new SyntaxError("bad"), dialect)).toBeInstanceOf(
      LLMInvalidResponseError,
    );
  });
});

describe("HTTP errors of any Chat Completions server → core error classes", () => {
  it("a named code goes into the message; a numeric one (the status again) does not", async () => {
    const named = await failure(body({ code: "unsupported_value", message: "No.", param: "stop" }));
    expect(named).toBeInstanceOf(LLMConfigError);
    expect(named).toMatchObject({ field: "stop" });
    expect(named.message).toBe("Acme 400 unsupported_value: No.");
    const numeric = await failure(body({ code: 400, message: "No." }));
    expect(numeric.message).toBe("Acme 400: No.");
  });

  it.each([
    [body({ code: "context_length_exceeded", message: "x" }), LLMContextLengthError],
    [
      body({ message: "This model's maximum context length is 8192 tokens" }),
      LLMContextLengthError,
    ],
    [body({ code: "content_filter", message: "filtered" }), LLMContentFilterError],
    [body({ code: "content_policy_violation", message: "filtered" }), LLMContentFilterError],
  ])("400 %j → %o", async (errorBody, kind) => {
    expect(await failure(errorBody)).toBeInstanceOf(kind);
  });

  it("401, 402, 403", async () => {
    expect(await failure(body({ message: "bad key" }), 401)).toBeInstanceOf(LLMAuthenticationError);
    const credits = await failure(body({ message: "Insufficient Balance" }), 402);
    expect(credits).toBeInstanceOf(LLMInsufficientCreditsError);
    expect(credits).toMatchObject({ status: 402, retryable: false });
    expect(await failure(body({ message: "region" }), 403)).toBeInstanceOf(LLMPermissionError);
  });

  it("404 about a model names it; any other 404 hints at baseURL", async () => {
    const model = await failure(body({ code: "model_not_found", message: "no such model" }), 404);
    expect(model).toBeInstanceOf(LLMModelNotFoundError);
    expect(model).toMatchObject({ model: "test-model" });
    const path = await failure(body({ message: "Not Found" }), 404);
    expect(path).toBeInstanceOf(LLMProviderError);
    expect(path.message).toContain("baseURL");
  });

  it("429: a rate limit (retried, retry-after read) unless it is out of quota", async () => {
    const limited = await failure(body({ message: "slow down" }), 429, { "retry-after": "2" });
    expect(limited).toBeInstanceOf(LLMRateLimitError);
    expect(limited).toMatchObject({ retryAfterMs: 2000, retryable: true });
    const quota = await failure(body({ code: "insufficient_quota", message: "quota" }), 429);
    expect(quota).toBeInstanceOf(LLMInsufficientCreditsError);
    expect(quota.retryable).toBe(false);
  });

  it("5xx retried unless x-should-retry says no; 422 not retried", async () => {
    expect(await failure(body({ message: "oops" }), 500)).toMatchObject({ retryable: true });
    expect(
      await failure(body({ message: "oops" }), 500, { "x-should-retry": "false" }),
    ).toMatchObject({ retryable: false });
    expect(await failure(body({ message: "bad" }), 422)).toMatchObject({
      name: "LLMProviderError",
      retryable: false,
    });
  });
});
