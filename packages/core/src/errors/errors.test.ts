import { describe, expect, it } from "vitest";
import { LLMBudgetExceededError } from "./budget-errors.js";
import { LLMError } from "./llm-error.js";
import {
  LLMAuthenticationError,
  LLMConnectionError,
  LLMPermissionError,
  LLMProviderError,
  LLMRateLimitError,
} from "./provider-errors.js";
import {
  REDACTED,
  redactSecrets,
  registerSecret,
  registerUrlCredentials,
} from "./redact-secrets.js";

describe("error hierarchy", () => {
  it("gives each subclass a stable code and the fields a caller branches on", () => {
    const error = new LLMRateLimitError("slow down", { provider: "openai", retryAfterMs: 1500 });
    expect(error).toBeInstanceOf(LLMError);
    expect(error).toMatchObject({
      code: "rate_limit",
      retryable: true,
      retryAfterMs: 1500,
      status: 429,
      name: "LLMRateLimitError",
    });
    expect(new LLMProviderError("x", { status: 503 }).retryable).toBe(true);
    expect(new LLMProviderError("x", { status: 400 }).retryable).toBe(false);
  });

  it("recognises errors from another copy of the package by their symbol marker", () => {
    const foreign = new LLMPermissionError("no", { status: 403 });
    // Simulate a second copy: strip the prototype chain, keep the own properties.
    const copy = Object.assign(Object.create(Error.prototype), foreign);
    for (const symbol of Object.getOwnPropertySymbols(foreign)) {
      Object.defineProperty(copy, symbol, {
        value: (foreign as unknown as Record<symbol, unknown>)[symbol],
      });
    }
    expect(copy instanceof LLMPermissionError).toBe(false);
    expect(LLMPermissionError.isInstance(copy)).toBe(true);
    expect(LLMAuthenticationError.isInstance(copy)).toBe(true);
    expect(LLMError.isInstance(copy)).toBe(true);
    expect(LLMRateLimitError.isInstance(copy)).toBe(false);
    expect(LLMError.isInstance(new Error("plain"))).toBe(false);
    expect(LLMError.isInstance(undefined)).toBe(false);
  });

  it("never shows an API key in the message, the cause chain or toJSON", () => {
    const key = "my-very-secret-key-123";
    registerSecret(key);
    const sdkError = Object.assign(new Error(`401 Incorrect API key provided: ${key}`), {
      status: 401,
      headers: { authorization: `Bearer ${key}` },
      cause: new Error(`inner ${key} and sk-proj-abcdefghijklmnop`),
    });
    const error = new LLMAuthenticationError(`auth failed: ${sdkError.message}`, {
      cause: sdkError,
      status: 401,
    });
    const everything = [
      error.message,
      error.stack,
      JSON.stringify(error),
      (error.cause as Error).message,
      ((error.cause as Error).cause as Error).message,
      JSON.stringify(error.cause),
    ].join("\n");
    expect(everything).not.toContain(key);
    expect(everything).not.toContain("sk-proj-abcdefghijklmnop");
    expect(everything).toContain(REDACTED);
    expect((error.cause as unknown as Record<string, unknown>).headers).toBeUndefined();
    expect((error.cause as unknown as Record<string, unknown>).status).toBe(401);
  });

  it("masks the userinfo of every quoted URL in the message, stack, cause chain and toJSON", () => {
    const url = "http://proxy-user:Hunter2-url-pass@127.0.0.1:9/v1/chat/completions";
    const fetchError = new TypeError(
      `Request cannot be constructed from a URL that includes credentials: ${url}`,
    );
    const sdkError = Object.assign(new Error(`Connection error. (${fetchError.message})`), {
      cause: fetchError,
    });
    const error = new LLMConnectionError(`Could not reach OpenAI: ${sdkError.message}`, {
      cause: sdkError,
    });
    const everything = [
      error.message,
      error.stack,
      JSON.stringify(error),
      (error.cause as Error).message,
      (error.cause as Error).stack,
      ((error.cause as Error).cause as Error).message,
      ((error.cause as Error).cause as Error).stack,
    ].join("\n");
    expect(everything).not.toContain("Hunter2-url-pass");
    expect(everything).not.toContain("proxy-user");
    expect(error.message).toContain("http://[REDACTED]@127.0.0.1:9/v1/chat/completions");
    // Addresses that carry no userinfo, and e-mail addresses, stay readable.
    expect(redactSecrets("see https://example.com/a@b and mail ops@example.com")).toBe(
      "see https://example.com/a@b and mail ops@example.com",
    );
  });

  it("registerUrlCredentials masks a URL's user and password wherever they appear", () => {
    registerUrlCredentials("https://gateway-admin:p%40ss-word-99@gw.example.com/v1");
    expect(redactSecrets("user gateway-admin, password p@ss-word-99 or p%40ss-word-99")).toBe(
      `user ${REDACTED}, password ${REDACTED} or ${REDACTED}`,
    );
    // Not a URL, or no userinfo: nothing registered, nothing thrown.
    registerUrlCredentials("not a url");
    registerUrlCredentials("https://plain.example.com");
    registerUrlCredentials(undefined);
    expect(redactSecrets("plain.example.com")).toBe("plain.example.com");
  });

  it("serialises budget refusals with their numbers", () => {
    const error = new LLMBudgetExceededError({
      limit: 1,
      spent: 0.25,
      reserved: 0.5,
      requested: 0.3,
      budgetId: "root/b",
      budgetName: "B",
    });
    expect(error.toJSON()).toMatchObject({
      name: "LLMBudgetExceededError",
      code: "budget_exceeded",
      limit: 1,
      spent: 0.25,
      reserved: 0.5,
      requested: 0.3,
      budgetId: "root/b",
      budgetName: "B",
    });
  });
});

describe("error options", () => {
  it("treats an explicit `retryable: undefined` like an absent one", () => {
    expect(new LLMProviderError("x", { status: 503, retryable: undefined }).retryable).toBe(true);
    expect(new LLMRateLimitError("x", { retryable: undefined }).retryable).toBe(true);
    expect(new LLMProviderError("x", { status: 503, retryable: false }).retryable).toBe(false);
  });

  it("names an SDK error's class in its sanitised cause when the SDK left name as Error", () => {
    class APIConnectionError extends Error {}
    const error = new LLMProviderError("x", { cause: new APIConnectionError("Connection error.") });
    expect((error.cause as Error).name).toBe("APIConnectionError");
  });
});
