import { BudgetTracker, LLMConfigError } from "@llmc/core";
import { vendorReply } from "@llmc/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChatCompletionsDialect } from "../src/chat-completions-dialect.js";
import { OpenAICompatibleAdapter } from "../src/openai-compatible-adapter.js";
import {
  deepseek,
  fireworks,
  groq,
  lmstudio,
  mistral,
  OPENAI_COMPATIBLE_PRESETS,
  ollama,
  together,
  vllm,
  xai,
} from "../src/presets/index.js";
import { FAST_RETRIES, rejectionOf, TEST_KEY, useSimulator } from "./simulator-fixture.js";

// Each preset through the real openai SDK against the simulator answering in that vendor's
// documented shape (packages/testing/src/simulator/openai-compatible/vendor-replies.ts).
const env = useSimulator();
const PRICE = { inputPerMTok: 1, outputPerMTok: 2, maxOutputTokens: 1000 };

afterEach(() => {
  vi.unstubAllEnvs();
});

function adapterFor(dialect: ChatCompletionsDialect, withPrice = true) {
  return new OpenAICompatibleAdapter({
    dialect,
    apiKey: TEST_KEY,
    baseURL: env.sim.openai.baseURL,
    retryPolicy: FAST_RETRIES,
    ...(withPrice ? { prices: { "m-1": PRICE } } : {}),
  });
}

const sent = () => env.sim.requests.at(-1)?.body as Record<string, unknown>;
/** $1/M input, $2/M output. */
const tableCost = (input: number, output: number) => (input * 1 + output * 2) / 1e6;

describe("presets: endpoints, keys and max-tokens field", () => {
  it.each([
    [deepseek, "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY", "max_tokens"],
    [groq, "https://api.groq.com/openai/v1", "GROQ_API_KEY", "max_completion_tokens"],
    [xai, "https://api.x.ai/v1", "XAI_API_KEY", "max_tokens"],
    [together, "https://api.together.xyz/v1", "TOGETHER_API_KEY", "max_tokens"],
    [mistral, "https://api.mistral.ai/v1", "MISTRAL_API_KEY", "max_tokens"],
    [fireworks, "https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY", "max_tokens"],
  ])("%s.provider: default URL, key from its variable", (dialect, url, keyEnv, field) => {
    vi.stubEnv(keyEnv as string, "sk-from-env-123");
    const adapter = new OpenAICompatibleAdapter({ dialect });
    expect(adapter.baseURL).toBe(url);
    expect(dialect.maxTokensParameter).toBe(field);
    vi.stubEnv(keyEnv as string, "");
    expect(() => new OpenAICompatibleAdapter({ dialect })).toThrow(
      new RegExp(`set the ${keyEnv} environment variable`),
    );
  });

  it("local servers need no key and default to their loopback ports", () => {
    expect(new OpenAICompatibleAdapter({ dialect: ollama }).baseURL).toBe(
      "http://127.0.0.1:11434/v1",
    );
    expect(new OpenAICompatibleAdapter({ dialect: vllm }).baseURL).toBe("http://127.0.0.1:8000/v1");
    expect(new OpenAICompatibleAdapter({ dialect: lmstudio }).baseURL).toBe(
      "http://127.0.0.1:1234/v1",
    );
  });

  it("lists every preset by its provider name", () => {
    expect(Object.keys(OPENAI_COMPATIBLE_PRESETS).sort()).toEqual([
      "deepseek",
      "fireworks",
      "groq",
      "lmstudio",
      "mistral",
      "ollama",
      "together",
      "vllm",
      "xai",
    ]);
    for (const [name, dialect] of Object.entries(OPENAI_COMPATIBLE_PRESETS)) {
      expect(dialect.provider).toBe(name);
      // No preset ships prices it cannot cite with a date: budgets fail closed without `prices`.
      expect(dialect.priceTable).toBeUndefined();
    }
  });

  it("sends the preset's max-tokens field", async () => {
    env.sim.script("openai", vendorReply("groq"), vendorReply("deepseek"));
    await adapterFor(groq).executePrompt("Hi", { model: "m-1", maxOutputTokens: 50 });
    expect(sent()).toMatchObject({ max_completion_tokens: 50 });
    expect(sent()).not.toHaveProperty("max_tokens");
    await adapterFor(deepseek).executePrompt("Hi", { model: "m-1", maxOutputTokens: 50 });
    expect(sent()).toMatchObject({ max_tokens: 50 });
  });
});

describe("DeepSeek: prompt_cache_hit_tokens / prompt_cache_miss_tokens", () => {
  const usage = { inputTokens: 1000, outputTokens: 40, cachedInputTokens: 700, reasoningTokens: 8 };

  it("reads the cache hit count as cached input, non-streamed", async () => {
    env.sim.script("openai", vendorReply("deepseek", { usage }));
    const result = await adapterFor(deepseek).executePrompt("Hi", { model: "m-1" });
    expect(result.usage).toEqual({
      inputTokens: 1000,
      outputTokens: 40,
      totalTokens: 1040,
      cachedInputTokens: 700,
      reasoningTokens: 8,
    });
    expect(result.provider).toBe("deepseek");
  });

  it("and streamed, from the usage chunk it sends when asked", async () => {
    env.sim.script("openai", vendorReply("deepseek", { text: "one two", usage }));
    const stream = adapterFor(deepseek).streamPrompt("Hi", { model: "m-1" });
    const result = await stream.result;
    expect(sent()).toMatchObject({ stream_options: { include_usage: true } });
    expect(result.text).toBe("one two");
    expect(result.usage.cachedInputTokens).toBe(700);
  });

  it("prefers the hit count over a disagreeing prompt_tokens_details.cached_tokens", async () => {
    env.sim.script("openai", {
      fault: "raw",
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        id: "x",
        object: "chat.completion",
        model: "m-1",
        choices: [
          { index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" },
        ],
        usage: {
          prompt_tokens: 100,
          completion_tokens: 5,
          total_tokens: 105,
          prompt_tokens_details: { cached_tokens: 0 },
          prompt_cache_hit_tokens: 64,
          prompt_cache_miss_tokens: 36,
        },
      }),
    });
    const result = await adapterFor(deepseek).executePrompt("Hi", { model: "m-1" });
    expect(result.usage.cachedInputTokens).toBe(64);
  });
});

describe("Groq: streamed usage under x_groq.usage", () => {
  it("prices a stream from x_groq.usage on the finish chunk", async () => {
    env.sim.script(
      "openai",
      vendorReply("groq", { usage: { inputTokens: 300, outputTokens: 20 } }),
    );
    const budget = new BudgetTracker({ total: 1 });
    const result = await adapterFor(groq).streamPrompt("Hi", {
      model: "m-1",
      maxOutputTokens: 100,
      budgetTracker: budget,
    }).result;
    expect(result.usage).toMatchObject({ inputTokens: 300, outputTokens: 20 });
    expect(result.costSource).toBe("price-table");
    expect(result.costUsd).toBeCloseTo(tableCost(300, 20), 12);
    expect(budget.spent).toBe(result.costUsd);
  });

  it("reads the top-level usage of a non-streamed answer", async () => {
    env.sim.script("openai", vendorReply("groq", { usage: { inputTokens: 30, outputTokens: 4 } }));
    const result = await adapterFor(groq).executePrompt("Hi", { model: "m-1" });
    expect(result.usage).toMatchObject({ inputTokens: 30, outputTokens: 4, totalTokens: 34 });
  });
});

describe("xAI: usage.cost_in_usd_ticks is the bill; reasoning beside completion_tokens", () => {
  // A real xAI answer's numbers: 10120 prompt (128 cached) + 1499 completion + 2809 reasoning
  // = 14428 total, billed 232856000 ticks = $0.0232856.
  const usage = {
    inputTokens: 10_120,
    outputTokens: 1_499 + 2_809,
    cachedInputTokens: 128,
    reasoningTokens: 2_809,
  };

  it("charges the ticks as the provider's cost and counts reasoning as output", async () => {
    env.sim.script("openai", vendorReply("xai", { usage, costUsd: 0.0232856 }));
    const budget = new BudgetTracker({ total: 5 });
    const result = await adapterFor(xai).executePrompt("Hi", {
      model: "m-1",
      maxOutputTokens: 5000,
      budgetTracker: budget,
    });
    const wire = env.sim.requests.at(-1);
    expect(wire?.body).toMatchObject({ max_tokens: 5000 });
    expect(result.usage).toEqual({
      inputTokens: 10_120,
      outputTokens: 4_308,
      totalTokens: 14_428,
      cachedInputTokens: 128,
      reasoningTokens: 2_809,
    });
    expect(result.costSource).toBe("provider");
    expect(result.costUsd).toBe(0.0232856);
    expect(budget.spent).toBe(0.0232856);
  });

  it("and streamed, from the usage chunk", async () => {
    env.sim.script("openai", vendorReply("xai", { text: "a b c", usage, costUsd: 0.0232856 }));
    const result = await adapterFor(xai).streamPrompt("Hi", { model: "m-1" }).result;
    expect(result.text).toBe("a b c");
    expect(result.usage.outputTokens).toBe(4_308);
    expect([result.costSource, result.costUsd]).toEqual(["provider", 0.0232856]);
  });

  it("without ticks, prices the usage from `prices` (reasoning billed as output)", async () => {
    env.sim.script(
      "openai",
      vendorReply("xai", { usage: { inputTokens: 100, outputTokens: 50, reasoningTokens: 30 } }),
    );
    const result = await adapterFor(xai).executePrompt("Hi", { model: "m-1" });
    expect(result.costSource).toBe("price-table");
    expect(result.costUsd).toBeCloseTo(tableCost(100, 50), 12);
  });
});

describe("Together, Mistral, Fireworks: usage on the finish chunk, stream_options not sent", () => {
  it.each([
    ["together", together],
    ["mistral", mistral],
    ["fireworks", fireworks],
  ] as const)("%s: stream and non-stream", async (vendor, dialect) => {
    const usage = { inputTokens: 50, outputTokens: 6 };
    env.sim.script("openai", vendorReply(vendor, { usage }), vendorReply(vendor, { usage }));
    const budget = new BudgetTracker({ total: 1 });
    const plain = await adapterFor(dialect).executePrompt("Hi", {
      model: "m-1",
      maxOutputTokens: 20,
      budgetTracker: budget,
    });
    expect(plain.usage).toMatchObject({ inputTokens: 50, outputTokens: 6 });
    const streamed = await adapterFor(dialect).streamPrompt("Hi", {
      model: "m-1",
      maxOutputTokens: 20,
      budgetTracker: budget,
    }).result;
    expect(sent()).not.toHaveProperty("stream_options");
    expect(streamed.usage).toMatchObject({ inputTokens: 50, outputTokens: 6 });
    expect(streamed.costSource).toBe("price-table");
    expect(budget.spent).toBeCloseTo(2 * tableCost(50, 6), 12);
  });

  it("Together's natural end `eos` is kept as the raw finish reason", async () => {
    env.sim.script("openai", vendorReply("together"));
    const result = await adapterFor(together).executePrompt("Hi", { model: "m-1" });
    expect(result.finishReason.raw).toBe("eos");
  });

  it("the simulator's Mistral refuses stream_options as Mistral does (so the preset must not send it)", async () => {
    env.sim.script("openai", vendorReply("mistral"));
    const generic = new OpenAICompatibleAdapter({
      provider: "mistral",
      apiKey: TEST_KEY,
      baseURL: env.sim.openai.baseURL,
      maxRetries: 0,
    });
    const error = await rejectionOf(generic.streamPrompt("Hi", { model: "m-1" }).result);
    expect((error as Error).message).toMatch(/422/);
  });
});

describe("local servers: no usage in the stream, no price", () => {
  it.each([
    ["ollama", ollama],
    ["vllm", vllm],
    ["lmstudio", lmstudio],
  ] as const)(
    "%s: a budgeted stream without usage is charged its reservation, and says so",
    async (vendor, dialect) => {
      env.sim.script("openai", vendorReply(vendor, { text: "local answer" }));
      const budget = new BudgetTracker({ total: 1 });
      const result = await adapterFor(dialect).streamPrompt("Hi", {
        model: "m-1",
        maxOutputTokens: 100,
        budgetTracker: budget,
      }).result;
      expect(sent()).toMatchObject({ stream_options: { include_usage: true } });
      expect(result.text).toBe("local answer");
      expect(result.costSource).toBe("reservation");
      expect(result.costUsd).toBeGreaterThan(0);
      expect(budget.spent).toBe(result.costUsd);
      expect(budget.reserved).toBe(0);
    },
  );

  it("a local server that streams usage when asked is priced from it", async () => {
    env.sim.script(
      "openai",
      vendorReply("ollama", { streamsUsage: true, usage: { inputTokens: 12, outputTokens: 3 } }),
    );
    const result = await adapterFor(ollama).streamPrompt("Hi", {
      model: "m-1",
      maxOutputTokens: 100,
      budgetTracker: new BudgetTracker({ total: 1 }),
    }).result;
    expect(result.costSource).toBe("price-table");
    expect(result.costUsd).toBeCloseTo(tableCost(12, 3), 12);
  });

  it("runs unbudgeted with no price: usage reported, cost unknown", async () => {
    env.sim.script("openai", vendorReply("ollama", { usage: { inputTokens: 9, outputTokens: 2 } }));
    const result = await adapterFor(ollama, false).executePrompt("Hi", { model: "llama3.2" });
    expect(result.usage).toMatchObject({ inputTokens: 9, outputTokens: 2 });
    expect(result).toMatchObject({ costSource: "unknown", costUsd: undefined });
  });

  it("budgeted with no price still fails closed, before any request", async () => {
    const error = await rejectionOf(
      new OpenAICompatibleAdapter({
        dialect: ollama,
        baseURL: env.sim.openai.baseURL,
      }).executePrompt("Hi", {
        model: "llama3.2",
        maxOutputTokens: 100,
        budgetTracker: new BudgetTracker({ total: 1 }),
      }),
    );
    expect(LLMConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/No price is known for ollama model "llama3.2"/);
    expect(env.sim.requestCount("openai")).toBe(0);
  });

  it("budgeted with a user price runs and charges it", async () => {
    env.sim.script(
      "openai",
      vendorReply("vllm", { usage: { inputTokens: 1000, outputTokens: 100 } }),
    );
    const budget = new BudgetTracker({ total: 1 });
    const llm = new OpenAICompatibleAdapter({
      dialect: vllm,
      apiKey: TEST_KEY, // the key `vllm serve --api-key` was started with
      baseURL: env.sim.openai.baseURL,
      prices: { "qwen-7b": { inputPerMTok: 0.1, outputPerMTok: 0.2 } },
    });
    const result = await llm.executePrompt("Hi", {
      model: "qwen-7b",
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    expect(result.costSource).toBe("price-table");
    expect(result.costUsd).toBeCloseTo((1000 * 0.1 + 100 * 0.2) / 1e6, 12);
    expect(budget.spent).toBe(result.costUsd);
  });
});
