import { describe, expect, it } from "vitest";
import { convertOpenAIUsage } from "../src/index.js";
import { useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

describe("convertOpenAIUsage", () => {
  it("maps the recorded o3-mini usage: reasoning is inside completion_tokens", () => {
    expect(
      convertOpenAIUsage({
        prompt_tokens: 7,
        completion_tokens: 87,
        total_tokens: 94,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 64 },
      }),
    ).toEqual({
      inputTokens: 7,
      outputTokens: 87,
      totalTokens: 94,
      cachedInputTokens: 0,
      reasoningTokens: 64,
    });
  });

  it("maps the recorded cached usage: cached and cache-write tokens are inside prompt_tokens", () => {
    expect(
      convertOpenAIUsage({
        prompt_tokens: 4020,
        completion_tokens: 4,
        total_tokens: 4024,
        prompt_tokens_details: { cached_tokens: 4012, cache_write_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      }),
    ).toEqual({
      inputTokens: 4020,
      outputTokens: 4,
      totalTokens: 4024,
      cachedInputTokens: 4012,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  it("keeps a bare usage bare and derives a missing total", () => {
    expect(convertOpenAIUsage({ prompt_tokens: 3, completion_tokens: 2 })).toEqual({
      inputTokens: 3,
      outputTokens: 2,
      totalTokens: 5,
    });
  });
});

describe("usage and cost through the SDK", () => {
  it("plain usage, priced from the table", async () => {
    env.sim.script("openai", { text: "Hi!", usage: { inputTokens: 1000, outputTokens: 500 } });
    const result = await env.adapter().executePrompt("Hello", { model: "gpt-4o-mini" });
    expect(result.usage).toEqual({
      inputTokens: 1000,
      outputTokens: 500,
      totalTokens: 1500,
      cachedInputTokens: 0,
      reasoningTokens: 0,
    });
    // 1000 × $0.15/M + 500 × $0.60/M
    expect(result.costUsd).toBeCloseTo(0.00045, 12);
    expect(result.costSource).toBe("price-table");
  });

  it("cached and cache-write tokens, each at its own rate", async () => {
    env.sim.script("openai", {
      usage: {
        inputTokens: 4020,
        cachedInputTokens: 3000,
        cacheWriteTokens: 1000,
        outputTokens: 4,
      },
    });
    const result = await env.adapter().executePrompt("Hello", { model: "gpt-4.1" });
    expect(result.usage).toMatchObject({
      inputTokens: 4020,
      cachedInputTokens: 3000,
      cacheWriteTokens: 1000,
      outputTokens: 4,
    });
    // 20 uncached × $2 + 3000 cached × $0.5 + 1000 written × $2 (input rate) + 4 × $8, per M
    expect(result.costUsd).toBeCloseTo((20 * 2 + 3000 * 0.5 + 1000 * 2 + 4 * 8) / 1e6, 12);
  });

  it("reasoning tokens, billed as output", async () => {
    env.sim.script("openai", {
      text: "42",
      usage: { inputTokens: 7, outputTokens: 87, reasoningTokens: 64 },
    });
    const result = await env.adapter().executePrompt("Think", { model: "o3-mini" });
    expect(result.usage).toMatchObject({ inputTokens: 7, outputTokens: 87, reasoningTokens: 64 });
    expect(result.costUsd).toBeCloseTo((7 * 1.1 + 87 * 4.4) / 1e6, 12);
  });

  it("a streamed call takes its usage from the final usage chunk", async () => {
    env.sim.script("openai", {
      chunks: ["Hel", "lo"],
      usage: { inputTokens: 120, cachedInputTokens: 100, outputTokens: 30, reasoningTokens: 10 },
    });
    const stream = env.adapter().streamPrompt("Hi", { model: "gpt-5-mini" });
    const result = await stream.result;
    expect(result.text).toBe("Hello");
    expect(result.usage).toEqual({
      inputTokens: 120,
      outputTokens: 30,
      totalTokens: 150,
      cachedInputTokens: 100,
      reasoningTokens: 10,
    });
    expect(result.costSource).toBe("price-table");
    expect(result.costUsd).toBeCloseTo((20 * 0.25 + 100 * 0.025 + 30 * 2) / 1e6, 12);
  });

  it("a dated snapshot name finds its base model's price", async () => {
    env.sim.script("openai", { usage: { inputTokens: 1_000_000, outputTokens: 0 } });
    const result = await env.adapter().executePrompt("Hello", { model: "gpt-4o-mini-2024-07-18" });
    expect(result.costUsd).toBeCloseTo(0.15, 9);
  });
});
