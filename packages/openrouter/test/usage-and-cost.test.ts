import { BudgetTracker } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { convertOpenRouterUsage, openRouterCostUsd } from "../src/convert-openrouter-usage.js";
import { useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

/** `usage` of the recording openrouter-chat.nonstream.cost-cached.json. */
const recordedCostCached = {
  prompt_tokens: 3329,
  completion_tokens: 53,
  total_tokens: 3382,
  cost: 0.00219855,
  is_byok: false,
  prompt_tokens_details: { cached_tokens: 3211, cache_write_tokens: 115, audio_tokens: 0 },
  cost_details: { upstream_inference_cost: 0.00219855 },
  completion_tokens_details: { reasoning_tokens: 0 },
};

describe("convertOpenRouterUsage and openRouterCostUsd", () => {
  it("maps the recorded cost-cached usage: cached and cache-write tokens are inside prompt_tokens", () => {
    expect(convertOpenRouterUsage(recordedCostCached)).toEqual({
      inputTokens: 3329,
      outputTokens: 53,
      totalTokens: 3382,
      cachedInputTokens: 3211,
      cacheWriteTokens: 115,
      reasoningTokens: 0,
    });
    expect(openRouterCostUsd(recordedCostCached)).toBe(0.00219855);
  });

  it("BYOK: OpenRouter's fee plus what the upstream bills your key", () => {
    expect(
      openRouterCostUsd({
        prompt_tokens: 10,
        completion_tokens: 5,
        cost: 0.0001,
        is_byok: true,
        cost_details: { upstream_inference_cost: 0.002 },
      }),
    ).toBeCloseTo(0.0021, 12);
  });

  it("no cost reported → undefined (core then prices usage from the table)", () => {
    expect(openRouterCostUsd({ prompt_tokens: 1, completion_tokens: 1 })).toBeUndefined();
    expect(
      openRouterCostUsd({ prompt_tokens: 1, completion_tokens: 1, cost: null }),
    ).toBeUndefined();
  });
});

describe("usage and cost through the SDK", () => {
  it("the recorded cost-cached response: usage mapped, OpenRouter's cost charged", async () => {
    env.sim.script("openrouter", {
      fault: "raw",
      status: 200,
      headers: {
        "content-type": "application/json",
        "x-generation-id": "gen-1773011158-Ce1hHC4Gr81WIraIsgAJ",
      },
      body: JSON.stringify({
        choices: [
          {
            finish_reason: "stop",
            index: 0,
            logprobs: null,
            message: {
              content: "Distributed database systems involve tradeoffs.",
              reasoning: null,
              refusal: null,
              role: "assistant",
            },
            native_finish_reason: "stop",
          },
        ],
        created: 1773011158,
        id: "gen-1773011158-Ce1hHC4Gr81WIraIsgAJ",
        model: "anthropic/claude-4.6-sonnet-20260217",
        object: "chat.completion",
        provider: "Anthropic",
        system_fingerprint: null,
        usage: recordedCostCached,
      }),
    });
    const budget = new BudgetTracker({ total: 1 });
    const result = await env.adapter().executePrompt("Summarise", {
      model: "anthropic/claude-sonnet-4.5",
      maxOutputTokens: 200,
      budgetTracker: budget,
    });
    expect(result.usage).toEqual(convertOpenRouterUsage(recordedCostCached));
    expect(result.costUsd).toBe(0.00219855);
    expect(result.costSource).toBe("provider");
    expect(result.model).toBe("anthropic/claude-4.6-sonnet-20260217");
    expect(result.finishReason).toEqual({ kind: "stop", raw: "stop" });
    expect(result.providerMetadata).toEqual({
      id: "gen-1773011158-Ce1hHC4Gr81WIraIsgAJ",
      generationId: "gen-1773011158-Ce1hHC4Gr81WIraIsgAJ",
      upstreamProvider: "Anthropic",
      nativeFinishReason: "stop",
    });
    expect(budget.spent).toBe(0.00219855);
    expect(budget.reserved).toBe(0);
  });

  it("reasoning usage and a scripted cost from the simulator", async () => {
    env.sim.script("openrouter", {
      text: "42",
      usage: { inputTokens: 40, outputTokens: 300, reasoningTokens: 280 },
      costUsd: 0.0123,
      upstreamProvider: "Google",
      nativeFinishReason: "STOP",
    });
    const result = await env.adapter().executePrompt("Think", { model: "google/gemini-2.5-pro" });
    expect(result.usage).toEqual({
      inputTokens: 40,
      outputTokens: 300,
      totalTokens: 340,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 280,
    });
    expect(result.costUsd).toBe(0.0123);
    expect(result.costSource).toBe("provider");
    expect(result.providerMetadata).toMatchObject({
      upstreamProvider: "Google",
      nativeFinishReason: "STOP",
      generationId: expect.stringMatching(/^gen-/),
    });
  });

  it("the provider's cost is charged even for a model missing from the price table (no budget)", async () => {
    env.sim.script("openrouter", { usage: { inputTokens: 1000, outputTokens: 1000 } });
    const result = await env
      .adapter()
      .executePrompt("Hi", { model: "meta-llama/llama-3.3-70b-instruct" });
    // The simulator's default price: $1/M input + $2/M output.
    expect(result.costUsd).toBeCloseTo(0.003, 12);
    expect(result.costSource).toBe("provider");
  });

  it("streamed usage and cost come from the final chunk", async () => {
    env.sim.script("openrouter", {
      chunks: ["Hello", "!"],
      usage: { inputTokens: 254, cachedInputTokens: 200, cacheWriteTokens: 20, outputTokens: 5 },
      costUsd: 0.000837,
      upstreamProvider: "Amazon Bedrock",
    });
    const budget = new BudgetTracker({ total: 1 });
    const result = await env.adapter().streamPrompt("Hi", {
      model: "anthropic/claude-sonnet-4.5",
      maxOutputTokens: 50,
      budgetTracker: budget,
    }).result;
    expect(result.text).toBe("Hello!");
    expect(result.usage).toMatchObject({
      inputTokens: 254,
      cachedInputTokens: 200,
      cacheWriteTokens: 20,
    });
    expect(result.costUsd).toBe(0.000837);
    expect(result.costSource).toBe("provider");
    expect(budget.spent).toBe(0.000837);
    expect(budget.reserved).toBe(0);
  });

  it("a response without cost is priced from the table", async () => {
    env.sim.script("openrouter", {
      fault: "raw",
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        id: "gen-x",
        model: "openai/gpt-4o-mini",
        choices: [{ message: { content: "ok" }, finish_reason: "stop" }],
        usage: { prompt_tokens: 1000, completion_tokens: 1000, total_tokens: 2000 },
      }),
    });
    const result = await env.adapter().executePrompt("Hi", { model: "openai/gpt-4o-mini" });
    expect(result.costSource).toBe("price-table");
    expect(result.costUsd).toBeCloseTo((1000 * 0.15 + 1000 * 0.6) / 1e6, 12);
  });
});
