import {
  BudgetTracker,
  LLMContentFilterError,
  type LLMError,
  LLMInvalidResponseError,
  lazySchema,
  runConfigSchema,
} from "@llmc/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChatCompletionsDialect } from "../src/chat-completions-dialect.js";
import { readChatCompletionsUsage, toUsage } from "../src/convert-openai-compatible-usage.js";
import { OpenAICompatibleAdapter } from "../src/openai-compatible-adapter.js";
import {
  rawStream,
  rejectionOf,
  TEST_KEY,
  TEST_PRICES,
  useSimulator,
} from "./simulator-fixture.js";

const env = useSimulator();

afterEach(() => {
  vi.unstubAllEnvs();
});

const finish = { id: "c1", choices: [{ index: 0, delta: {}, finish_reason: "stop" }] };
const body = (extra: Record<string, unknown>) => ({
  fault: "raw" as const,
  status: 200,
  headers: { "content-type": "application/json", "x-trace": "t-1" },
  body: JSON.stringify({
    id: "c1",
    model: "test-model",
    choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }],
    ...extra,
  }),
});

function adapterWith(dialect: Omit<ChatCompletionsDialect, "provider">) {
  return env.adapter({ dialect: { provider: "acme", ...dialect } });
}

describe("a dialect's request hooks", () => {
  it("extendBody adds vendor fields; configSchema admits the per-call option that feeds it", async () => {
    const schema = lazySchema((z) =>
      runConfigSchema.extend({ safePrompt: z.boolean().optional() }),
    );
    const adapter = adapterWith({
      configSchema: schema,
      extendBody(body, request) {
        const config = request.config as { safePrompt?: boolean };
        if (config.safePrompt !== undefined) body.safe_prompt = config.safePrompt;
      },
    });
    await adapter.executePrompt("Hi", { model: "test-model", safePrompt: true } as never);
    expect(env.sim.requests[0]?.body).toMatchObject({ safe_prompt: true });
  });

  it("maxTokensParameter, streamUsage and defaultHeaders: the dialect's defaults, options winning", async () => {
    const adapter = adapterWith({
      maxTokensParameter: "max_completion_tokens",
      streamUsage: false,
      defaultHeaders: { "x-vendor": "v", "x-both": "dialect" },
    });
    await adapter.streamPrompt("Hi", { model: "test-model", maxOutputTokens: 9 }).result;
    const sent = env.sim.requests[0]!;
    expect(sent.body).toMatchObject({ max_completion_tokens: 9, stream: true });
    expect(sent.body).not.toHaveProperty("stream_options");
    expect(sent.headers).toMatchObject({ "x-vendor": "v", "x-both": "dialect" });

    const overridden = env.adapter({
      dialect: { provider: "acme", maxTokensParameter: "max_completion_tokens" },
      maxTokensParameter: "max_tokens",
      defaultHeaders: { "x-both": "option" },
    });
    await overridden.executePrompt("Hi", { model: "test-model", maxOutputTokens: 9 });
    expect(env.sim.requests[1]?.body).toMatchObject({ max_tokens: 9 });
    expect(env.sim.requests[1]?.headers).toMatchObject({ "x-both": "option" });
  });

  it("baseURLEnv and apiKeyEnv are read when no option is passed", async () => {
    vi.stubEnv("ACME_BASE_URL", env.sim.openai.baseURL);
    vi.stubEnv("ACME_KEY", TEST_KEY);
    const adapter = new OpenAICompatibleAdapter({
      dialect: {
        provider: "acme",
        baseURL: "http://127.0.0.1:9/v1",
        baseURLEnv: "ACME_BASE_URL",
        apiKeyEnv: "ACME_KEY",
      },
    });
    expect(adapter.baseURL).toBe(env.sim.openai.baseURL);
    expect((await adapter.executePrompt("Hi", { model: "test-model" })).text).toBeTruthy();
  });

  it("apiKeyRequired false: a keyless local server needs no key", () => {
    const adapter = new OpenAICompatibleAdapter({
      dialect: { provider: "local", apiKeyRequired: false, baseURL: "http://127.0.0.1:11434/v1" },
    });
    expect(adapter.provider).toBe("local");
  });

  it("priceTable: budgeted calls are priced from it; without one they fail closed", async () => {
    const priceTable = {
      provider: "acme",
      asOf: "2026-12-01",
      source: "test",
      models: TEST_PRICES,
    };
    const budget = new BudgetTracker({ total: 1 });
    const priced = new OpenAICompatibleAdapter({
      dialect: { provider: "acme", priceTable },
      apiKey: TEST_KEY,
      baseURL: env.sim.openai.baseURL,
    });
    expect(priced.priceTable).toBe(priceTable);
    await priced.executePrompt("Hi", { model: "test-model", budgetTracker: budget });
    expect(budget.spent).toBeGreaterThan(0);
    const unpriced = new OpenAICompatibleAdapter({
      provider: "acme",
      apiKey: TEST_KEY,
      baseURL: env.sim.openai.baseURL,
    });
    const refused = await rejectionOf(
      unpriced.executePrompt("Hi", {
        model: "test-model",
        maxOutputTokens: 10,
        budgetTracker: budget,
      }),
    );
    expect(refused).toMatchObject({ name: "LLMConfigError", field: "model" });
  });
});

describe("a dialect's usage and cost hooks", () => {
  it("findUsage: usage where the vendor streams it (Groq's x_groq.usage)", async () => {
    env.sim.script(
      "openai",
      rawStream([
        { id: "c1", choices: [{ index: 0, delta: { content: "Hi" } }] },
        { ...finish, x_groq: { usage: { prompt_tokens: 7, completion_tokens: 1 } } },
      ]),
    );
    const adapter = adapterWith({
      findUsage: (container) =>
        container.usage ?? (container.x_groq as { usage?: unknown } | undefined)?.usage,
    });
    const result = await adapter.streamPrompt("Hi", { model: "test-model" }).result;
    expect(result.usage).toEqual({ inputTokens: 7, outputTokens: 1, totalTokens: 8 });
  });

  it("readUsage: the vendor's own fields (DeepSeek's prompt_cache_hit_tokens)", async () => {
    env.sim.script(
      "openai",
      body({
        usage: {
          prompt_tokens: 100,
          completion_tokens: 10,
          prompt_cache_hit_tokens: 60,
          prompt_cache_miss_tokens: 40,
        },
      }),
    );
    const adapter = adapterWith({
      readUsage(usage, reader) {
        const base = readChatCompletionsUsage(usage, reader);
        const hit = reader.count(usage.prompt_cache_hit_tokens, "usage.prompt_cache_hit_tokens");
        return (
          base &&
          toUsage(base.inputTokens, base.outputTokens, base.totalTokens, hit, undefined, undefined)
        );
      },
    });
    const result = await adapter.executePrompt("Hi", { model: "test-model" });
    expect(result.usage).toEqual({
      inputTokens: 100,
      outputTokens: 10,
      totalTokens: 110,
      cachedInputTokens: 60,
    });
  });

  it("readCostUsd: the provider's bill is charged (costSource provider), and a wrong type is unreadable", async () => {
    const adapter = adapterWith({
      readCostUsd: (usage, reader) => {
        const ticks = reader.count(usage.cost_in_usd_ticks, "usage.cost_in_usd_ticks");
        return ticks === undefined ? undefined : ticks / 1e10;
      },
    });
    env.sim.script(
      "openai",
      body({ usage: { prompt_tokens: 10, completion_tokens: 2, cost_in_usd_ticks: 1_250_000 } }),
      body({ usage: { prompt_tokens: 10, completion_tokens: 2, cost_in_usd_ticks: "lots" } }),
    );
    const budget = new BudgetTracker({ total: 1 });
    const result = await adapter.executePrompt("Hi", {
      model: "test-model",
      budgetTracker: budget,
    });
    expect(result).toMatchObject({ costUsd: 0.000125, costSource: "provider" });
    expect(budget.spent).toBe(0.000125);
    const error = await rejectionOf(adapter.executePrompt("Hi", { model: "test-model" }));
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect((error as Error).message).toContain("usage.cost_in_usd_ticks is not a token count");
  });

  it("metadata: the fields a vendor adds, from the body, the choice and the headers", async () => {
    env.sim.script("openai", body({ provider: "Upstream", x_extra: 5 }));
    const adapter = adapterWith({
      metadata: {
        body: { upstream: "provider", extra: "x_extra" },
        choice: { index: "index" },
        headers: { trace: "x-trace" },
      },
    });
    const result = await adapter.executePrompt("Hi", { model: "test-model" });
    // Only string values are copied; `id` always is.
    expect(result.providerMetadata).toEqual({ id: "c1", upstream: "Upstream", trace: "t-1" });
  });
});

describe("a dialect's error hooks", () => {
  it("describeError and refineError shape what the caller catches", async () => {
    env.sim.script("openai", {
      fault: "http-error",
      status: 451,
      body: { error: { message: "Blocked", metadata: { why: "policy" } } },
    });
    const adapter = adapterWith({
      label: "Acme",
      describeError: (errorBody, fallback) =>
        `${errorBody?.message ?? fallback} [${String(errorBody?.metadata?.why)}]`,
      refineError: (error: LLMError, context) =>
        context.status === 451
          ? new LLMContentFilterError(context.message, { ...context.options, reason: "policy" })
          : error,
    });
    const error = await rejectionOf(
      adapter.executePrompt("Hi", { model: "test-model", maxRetries: 0 }),
    );
    expect(error).toBeInstanceOf(LLMContentFilterError);
    expect(error).toMatchObject({ provider: "acme", reason: "policy" });
    expect((error as Error).message).toBe("Acme 451: Blocked [policy]");
  });

  it("a 200 body that reports an error is typed and charged what came with it", async () => {
    env.sim.script(
      "openai",
      body({
        choices: undefined,
        error: { code: 502, message: "Upstream gone" },
        usage: { prompt_tokens: 3, completion_tokens: 0 },
      }),
    );
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(
      env.adapter().executePrompt("Hi", { model: "test-model", budgetTracker: budget }),
    );
    expect(error).toMatchObject({ name: "LLMProviderError", status: undefined, retryable: false });
    expect((error as Error).message).toBe(
      "acme reported an error mid-response (code 502): Upstream gone",
    );
    expect(budget.spent).toBeCloseTo((3 * 1) / 1e6, 12);
  });
});
