import { BudgetTracker, LLMConfigError } from "@llmc/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OpenAICompatibleAdapter } from "../src/openai-compatible-adapter.js";
import { TEST_KEY, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("OpenAICompatibleAdapter, no dialect", () => {
  it("answers a call under its own provider name, sending max_tokens", async () => {
    env.sim.script("openai", { text: "Hello", usage: { inputTokens: 5, outputTokens: 2 } });
    const result = await env
      .adapter()
      .executePrompt("Hi", { model: "test-model", maxOutputTokens: 20, topP: 0.5, user: "u1" });
    expect(result).toMatchObject({ text: "Hello", provider: "acme" });
    expect(result.usage).toMatchObject({ inputTokens: 5, outputTokens: 2, totalTokens: 7 });
    expect(env.sim.requests[0]?.body).toEqual({
      model: "test-model",
      messages: [{ role: "user", content: "Hi" }],
      max_tokens: 20,
      top_p: 0.5,
      user: "u1",
    });
  });

  it("streams with stream_options.include_usage and prices the usage in the tail chunk", async () => {
    env.sim.script("openai", { chunks: ["a", "b"], usage: { inputTokens: 100, outputTokens: 10 } });
    const budget = new BudgetTracker({ total: 1 });
    const result = await env.adapter().streamPrompt("Hi", {
      model: "test-model",
      maxOutputTokens: 50,
      budgetTracker: budget,
    }).result;
    expect(result.text).toBe("ab");
    expect(env.sim.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(result.costSource).toBe("price-table");
    expect(result.costUsd).toBeCloseTo((100 * 1 + 10 * 2) / 1e6, 12);
    expect(budget.spent).toBe(result.costUsd);
  });

  it("needs a provider name", () => {
    expect(() => new OpenAICompatibleAdapter({ apiKey: "k", baseURL: "http://x/v1" })).toThrow(
      LLMConfigError,
    );
  });

  it("needs a baseURL and a key, naming the variable it read", () => {
    expect(() => new OpenAICompatibleAdapter({ provider: "acme", apiKey: "k" })).toThrow(
      /No acme endpoint: pass `baseURL` to OpenAICompatibleAdapter/,
    );
    vi.stubEnv("ACME_KEY", "");
    expect(
      () =>
        new OpenAICompatibleAdapter({
          provider: "acme",
          baseURL: "http://x/v1",
          apiKeyEnv: "ACME_KEY",
        }),
    ).toThrow(
      "No acme API key: pass `apiKey` to OpenAICompatibleAdapter, or set the ACME_KEY environment variable.",
    );
  });

  it("reads the key from apiKeyEnv and never from OPENAI_API_KEY", async () => {
    vi.stubEnv("OPENAI_API_KEY", TEST_KEY);
    expect(
      () => new OpenAICompatibleAdapter({ provider: "acme", baseURL: env.sim.openai.baseURL }),
    ).toThrow(LLMConfigError);
    vi.stubEnv("ACME_KEY", TEST_KEY);
    const adapter = new OpenAICompatibleAdapter({
      provider: "acme",
      baseURL: env.sim.openai.baseURL,
      apiKeyEnv: "ACME_KEY",
    });
    expect((await adapter.executePrompt("Hi", { model: "test-model" })).provider).toBe("acme");
  });

  it("refuses unknown per-call options before any request", async () => {
    const error = await env
      .adapter()
      .executePrompt("Hi", { model: "test-model", reasoningEffort: "low" } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(env.sim.requestCount()).toBe(0);
  });
});
