import { ApiError } from "@google/genai";
import {
  LLMAbortError,
  LLMAuthenticationError,
  LLMConnectionError,
  LLMContextLengthError,
  LLMError,
  LLMInsufficientCreditsError,
  LLMInvalidResponseError,
  LLMModelNotFoundError,
  LLMPermissionError,
  LLMProviderError,
  LLMRateLimitError,
} from "@llmc/core";
import { describe, expect, it } from "vitest";
import { mapGeminiError } from "./map-gemini-error.js";

function apiError(status: number, error: Record<string, unknown>): ApiError {
  return new ApiError({ status, message: JSON.stringify({ error: { code: status, ...error } }) });
}

describe("mapGeminiError: HTTP errors (the SDK's single ApiError)", () => {
  it("400 API_KEY_INVALID is an authentication error", () => {
    const error = mapGeminiError(
      apiError(400, {
        message: "API key not valid. Please pass a valid API key.",
        status: "INVALID_ARGUMENT",
        details: [
          { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID" },
        ],
      }),
    );
    expect(error).toBeInstanceOf(LLMAuthenticationError);
    expect(error).not.toBeInstanceOf(LLMPermissionError);
    expect(error).toMatchObject({
      status: 400,
      retryable: false,
      provider: "gemini",
      message: "Gemini 400 INVALID_ARGUMENT: API key not valid. Please pass a valid API key.",
    });
  });

  it("403 PERMISSION_DENIED is a permission error", () => {
    const error = mapGeminiError(
      apiError(403, {
        message: "The caller does not have permission",
        status: "PERMISSION_DENIED",
      }),
    );
    expect(error).toBeInstanceOf(LLMPermissionError);
    expect(error).toMatchObject({ status: 403, retryable: false });
  });

  it("404 names the model", () => {
    const error = mapGeminiError(
      apiError(404, {
        message: "models/nope is not found for API version v1beta",
        status: "NOT_FOUND",
      }),
      { model: "nope" },
    );
    expect(error).toBeInstanceOf(LLMModelNotFoundError);
    expect(error).toMatchObject({ model: "nope", retryable: false });
  });

  it("429 with RetryInfo is a retryable rate limit carrying the delay", () => {
    const error = mapGeminiError(
      apiError(429, {
        message: "You exceeded your current quota, please check your plan.",
        status: "RESOURCE_EXHAUSTED",
        details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "34.4s" }],
      }),
    );
    expect(error).toBeInstanceOf(LLMRateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 34_400, retryable: true });
  });

  it("429 without RetryInfo leaves the wait to core's back-off", () => {
    const error = mapGeminiError(apiError(429, { message: "quota", status: "RESOURCE_EXHAUSTED" }));
    expect(error).toBeInstanceOf(LLMRateLimitError);
    expect((error as LLMRateLimitError).retryAfterMs).toBeUndefined();
  });

  it("429 'prepayment credits are depleted' is insufficient credits, not retried", () => {
    const error = mapGeminiError(
      apiError(429, {
        message: "Your prepayment credits are depleted. Please go to AI Studio to manage billing.",
        status: "RESOURCE_EXHAUSTED",
      }),
    );
    expect(error).toBeInstanceOf(LLMInsufficientCreditsError);
    expect(error).toMatchObject({ status: 429, retryable: false });
  });

  it("400 'input token count … exceeds' is a context-length error", () => {
    const error = mapGeminiError(
      apiError(400, {
        message:
          "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).",
        status: "INVALID_ARGUMENT",
      }),
    );
    expect(error).toBeInstanceOf(LLMContextLengthError);
    expect(error.retryable).toBe(false);
  });

  it("400 FAILED_PRECONDITION (unsupported region) is a permission error", () => {
    const error = mapGeminiError(
      apiError(400, {
        message: "User location is not supported for the API use.",
        status: "FAILED_PRECONDITION",
      }),
    );
    expect(error).toBeInstanceOf(LLMPermissionError);
  });

  it("any other 400 is a non-retryable provider error with its status", () => {
    const error = mapGeminiError(
      apiError(400, { message: "Budget 0 is invalid.", status: "INVALID_ARGUMENT" }),
    );
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({
      status: 400,
      retryable: false,
      message: "Gemini 400 INVALID_ARGUMENT: Budget 0 is invalid.",
    });
  });

  it.each([
    [500, "INTERNAL"],
    [503, "UNAVAILABLE"],
    [504, "DEADLINE_EXCEEDED"],
  ])("%i %s is a retryable provider error", (status, canonical) => {
    const error = mapGeminiError(apiError(status, { message: "try later", status: canonical }));
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({ status, retryable: true });
  });

  it("a non-JSON body (an HTML 502) keeps its text", () => {
    const error = mapGeminiError(
      new ApiError({
        status: 502,
        message: JSON.stringify({
          error: { message: "<html>Bad Gateway</html>", code: 502, status: "Bad Gateway" },
        }),
      }),
    );
    expect(error).toMatchObject({
      status: 502,
      retryable: true,
      message: "Gemini 502 Bad Gateway: <html>Bad Gateway</html>",
    });
  });

  it("carries usage it is given (a stream's error event), so core charges it", () => {
    const usage = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };
    const error = mapGeminiError(apiError(500, { message: "boom", status: "INTERNAL" }), { usage });
    expect(error.usage).toEqual(usage);
  });
});

describe("mapGeminiError: failures without a status", () => {
  it("TypeError 'fetch failed' is a retryable connection error", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
      code: "ECONNREFUSED",
    });
    const error = mapGeminiError(new TypeError("fetch failed", { cause }));
    expect(error).toBeInstanceOf(LLMConnectionError);
    expect(error).toMatchObject({
      retryable: true,
      message: "The connection to Gemini failed: fetch failed (ECONNREFUSED)",
    });
  });

  it("a body cut mid-way ('terminated') is a connection error", () => {
    const cause = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    expect(mapGeminiError(new TypeError("terminated", { cause }))).toBeInstanceOf(
      LLMConnectionError,
    );
  });

  it("AbortError is an abort (core turns it into timeout or abort by its own signal)", () => {
    const error = mapGeminiError(new DOMException("This operation was aborted", "AbortError"));
    expect(error).toBeInstanceOf(LLMAbortError);
  });

  it("invalid JSON is an invalid response", () => {
    expect(mapGeminiError(new SyntaxError("Unexpected end of JSON input"))).toBeInstanceOf(
      LLMInvalidResponseError,
    );
    expect(mapGeminiError(new Error("Incomplete JSON segment at the end"))).toBeInstanceOf(
      LLMInvalidResponseError,
    );
  });

  it("anything else is a plain LLMError; LLM errors pass through untouched", () => {
    const error = mapGeminiError(new Error("weird"));
    expect(error.constructor).toBe(LLMError);
    expect(error.message).toBe("Gemini call failed: weird");
    const own = new LLMConnectionError("mine");
    expect(mapGeminiError(own)).toBe(own);
  });
});
