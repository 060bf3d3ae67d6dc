import {
  BudgetTracker,
  LLMAuthenticationError,
  LLMContextLengthError,
  LLMInvalidResponseError,
  LLMModelNotFoundError,
  LLMPermissionError,
  LLMProviderError,
} from "@llmc/core";
import { describe, expect, it } from "vitest";
import { rejectionOf, useGeminiSimulator } from "./support/gemini-harness.js";

const h = useGeminiSimulator();

const model = "gemini-2.5-flash";

describe("provider errors through the real SDK", () => {
  it("a bad key is Gemini's 400 API_KEY_INVALID → LLMAuthenticationError, not retried", async () => {
    h.sim.script("gemini", { fault: "auth" });
    const error = await rejectionOf(h.adapter.executePrompt("Hi", { model }));
    expect(error).toBeInstanceOf(LLMAuthenticationError);
    expect(error).not.toBeInstanceOf(LLMPermissionError);
    expect(error).toMatchObject({
      status: 400,
      retryable: false,
      message: "Gemini 400 INVALID_ARGUMENT: API key not valid. Please pass a valid API key.",
    });
    expect(h.sim.requestCount("gemini")).toBe(1);
  });

  it("a key the server does not know gets the same mapping", async () => {
    const stranger = h.adapterWith({ apiKey: "not-the-right-key-123" });
    const error = await rejectionOf(stranger.executePrompt("Hi", { model }));
    expect(error).toBeInstanceOf(LLMAuthenticationError);
  });

  it("403 PERMISSION_DENIED → LLMPermissionError", async () => {
    h.sim.script("gemini", { fault: "http-error", status: 403 });
    const error = await rejectionOf(h.adapter.executePrompt("Hi", { model }));
    expect(error).toBeInstanceOf(LLMPermissionError);
    expect(error).toMatchObject({
      status: 403,
      message: "Gemini 403 PERMISSION_DENIED: The caller does not have permission",
    });
  });

  it("404 → LLMModelNotFoundError naming the model", async () => {
    h.sim.script("gemini", { fault: "model-not-found" });
    const error = await rejectionOf(h.adapter.executePrompt("Hi", { model: "gemini-9-ultra" }));
    expect(error).toBeInstanceOf(LLMModelNotFoundError);
    expect(error).toMatchObject({ model: "gemini-9-ultra", retryable: false });
    expect((error as Error).message).toContain(
      "models/gemini-9-ultra is not found for API version v1beta",
    );
    expect(h.sim.requestCount("gemini")).toBe(1);
  });

  it("400 'input token count exceeds' → LLMContextLengthError", async () => {
    h.sim.script("gemini", { fault: "context-length", inputTokens: 1_200_000 });
    const error = await rejectionOf(h.adapter.executePrompt("Hi", { model }));
    expect(error).toBeInstanceOf(LLMContextLengthError);
    expect((error as Error).message).toBe(
      "Gemini 400 INVALID_ARGUMENT: The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).",
    );
  });

  it("another 400 is a non-retryable LLMProviderError keeping Google's message", async () => {
    h.sim.script("gemini", {
      fault: "http-error",
      status: 400,
      message: "Budget 0 is invalid. This model only works in thinking mode.",
    });
    const error = await rejectionOf(h.adapter.executePrompt("Hi", { model: "gemini-2.5-pro" }));
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect(h.sim.requestCount("gemini")).toBe(1);
  });

  it.each([
    ["overloaded", 503, "UNAVAILABLE"],
    ["server-error", 500, "INTERNAL"],
  ] as const)("%s (%i) is retried by core, then succeeds", async (fault, status, canonical) => {
    h.sim.script("gemini", { fault }, { text: "recovered" });
    const result = await h.adapter.executePrompt("Hi", { model });
    expect(result.text).toBe("recovered");
    expect(result.attempts).toBe(2);
    expect(h.sim.requestCount("gemini")).toBe(2);

    h.sim.script("gemini", { fault });
    const error = await rejectionOf(h.adapter.executePrompt("Hi", { model, maxRetries: 0 }));
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({ status, retryable: true });
    expect((error as Error).message).toContain(`Gemini ${status} ${canonical}:`);
  });

  it("504 DEADLINE_EXCEEDED is retryable", async () => {
    h.sim.script("gemini", { fault: "http-error", status: 504 });
    const error = await rejectionOf(h.adapter.executePrompt("Hi", { model, maxRetries: 0 }));
    expect(error).toMatchObject({ status: 504, retryable: true });
  });

  it("a non-JSON 502 page keeps its text", async () => {
    h.sim.script("gemini", {
      fault: "raw",
      status: 502,
      headers: { "content-type": "text/html" },
      body: "<html><body>Bad Gateway</body></html>",
    });
    const error = await rejectionOf(h.adapter.executePrompt("Hi", { model, maxRetries: 0 }));
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({
      status: 502,
      retryable: true,
      message: "Gemini 502 Bad Gateway: <html><body>Bad Gateway</body></html>",
    });
  });

  it("malformed JSON in a 200 → LLMInvalidResponseError, and its reservation is released", async () => {
    h.sim.script("gemini", { fault: "malformed-json" });
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(
      h.adapter.executePrompt("Hi", { model, maxOutputTokens: 50, budgetTracker: budget }),
    );
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect(budget.reserved).toBe(0);
    expect(budget.spent).toBe(0);
  });
});
