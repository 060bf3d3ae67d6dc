import {
  LLMAuthenticationError,
  LLMConfigError,
  LLMContentFilterError,
  LLMContextLengthError,
  LLMError,
  LLMInsufficientCreditsError,
  LLMModelNotFoundError,
  LLMPermissionError,
  LLMProviderError,
  LLMRateLimitError,
} from "@llmc/core";
import { describe, expect, it } from "vitest";
import { rejectionOf, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

async function failure(model = "openai/gpt-4o-mini"): Promise<LLMError> {
  const error = await rejectionOf(env.adapter().executePrompt("Hi", { model, maxRetries: 0 }));
  expect(LLMError.isInstance(error)).toBe(true);
  expect((error as LLMError).provider).toBe("openrouter");
  return error as LLMError;
}

describe("OpenRouter HTTP errors → core error classes", () => {
  it("400 bad parameters → LLMConfigError with OpenRouter's message", async () => {
    env.sim.script("openrouter", {
      fault: "http-error",
      status: 400,
      message: "temperature must be <= 2",
    });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(error.message).toBe("OpenRouter 400: temperature must be <= 2");
    // Through the openai SDK the numeric error code survives as a number.
    expect((error.cause as { code?: unknown }).code).toBe(400);
  });

  it("400 context length → LLMContextLengthError", async () => {
    env.sim.script("openrouter", { fault: "context-length" });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMContextLengthError);
    expect(error.message).toContain("maximum context length is 128000 tokens");
  });

  it("401 → LLMAuthenticationError", async () => {
    env.sim.script("openrouter", { fault: "auth" });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMAuthenticationError);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(error.message).toBe("OpenRouter 401: User not found.");
  });

  it("402 'can only afford' → LLMInsufficientCreditsError too", async () => {
    env.sim.script("openrouter", {
      fault: "http-error",
      status: 402,
      message:
        "This request requires more credits, or fewer max_tokens. You requested up to 16384 tokens, but can only afford 2501.",
    });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMInsufficientCreditsError);
    expect(error.message).toContain("can only afford 2501");
  });

  it("403 moderation with reasons → LLMContentFilterError", async () => {
    env.sim.script("openrouter", {
      fault: "http-error",
      status: 403,
      body: {
        error: {
          code: 403,
          message:
            'openai/gpt-4o-mini requires moderation on OpenAI. Your input was flagged for "harassment".',
          metadata: {
            reasons: ["harassment"],
            flagged_input: "…",
            provider_name: "OpenAI",
            model_slug: "openai/gpt-4o-mini",
          },
        },
      },
    });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMContentFilterError);
    expect(error).toMatchObject({ reason: "harassment", retryable: false });
  });

  it("403 without moderation metadata → LLMPermissionError", async () => {
    env.sim.script("openrouter", { fault: "http-error", status: 403, message: "Key is disabled" });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMPermissionError);
    expect(error).toMatchObject({ status: 403 });
  });

  it("404 no endpoints → LLMModelNotFoundError", async () => {
    env.sim.script("openrouter", { fault: "model-not-found" });
    const error = await failure("google/gemini-2.5-flash:free");
    expect(error).toBeInstanceOf(LLMModelNotFoundError);
    expect(error).toMatchObject({ model: "google/gemini-2.5-flash:free" });
    expect(error.message).toBe(
      "OpenRouter 404: No endpoints found for google/gemini-2.5-flash:free.",
    );
  });

  it("408 → LLMProviderError, retryable", async () => {
    env.sim.script("openrouter", { fault: "http-error", status: 408 });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({ status: 408, retryable: true });
  });

  it("429 from the upstream → LLMRateLimitError naming it, with retry-after", async () => {
    env.sim.script("openrouter", { fault: "rate-limit", retryAfterSeconds: 2 });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMRateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 2000, retryable: true });
    expect(error.message).toMatch(
      /^OpenRouter 429: Provider returned error \(Simulator: openai\/gpt-4o-mini is temporarily rate-limited upstream/,
    );
  });

  it("502 → LLMProviderError, retryable", async () => {
    env.sim.script("openrouter", { fault: "http-error", status: 502 });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({ status: 502, retryable: true });
  });

  it("503 no provider available → LLMProviderError, retryable, with retry-after", async () => {
    env.sim.script("openrouter", { fault: "overloaded", retryAfterSeconds: 1 });
    const error = await failure();
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({ status: 503, retryable: true, retryAfterMs: 1000 });
  });
});
