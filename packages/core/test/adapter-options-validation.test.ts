import { describe, expect, it } from "vitest";
import { LLMConfigError, type ModelPrice } from "../src/index.js";
import { reply, TestAdapter } from "./support/test-adapter.js";

function buildError(options: Record<string, unknown>): LLMConfigError {
  let error: unknown;
  try {
    new TestAdapter(async () => reply("ok"), options as never);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(LLMConfigError);
  return error as LLMConfigError;
}

describe("adapter constructor options are checked once, in core, for every adapter", () => {
  it.each([
    ["timeoutMs", 0],
    ["timeoutMs", -5],
    ["timeoutMs", Number.NaN],
    ["timeoutMs", 2 ** 31],
    ["timeoutMs", Number.MAX_SAFE_INTEGER],
    ["maxRetries", -1],
    ["maxRetries", Number.POSITIVE_INFINITY],
    ["maxRetries", 1.5],
    ["maxRetries", 11],
    ["maxConcurrency", 0],
    ["maxConcurrency", 1.5],
    ["maxConcurrency", Number.NaN],
    ["retryPolicy", { initialDelayMs: -1 }],
    ["retryPolicy", { maxDelayMs: Number.NaN }],
    ["retryPolicy", { maxRetryAfterMs: 2 ** 31 }],
    ["retryPolicy", { initalDelayMs: 10 }],
    ["prices", { "test-model": { inputPerMTok: -1, outputPerMTok: 2 } }],
    ["prices", { "test-model": { inputPerMTok: 1, outputPerMTok: Number.NaN } }],
    ["prices", { "test-model": { inputPerMTok: 1, outputPerMTok: Number.POSITIVE_INFINITY } }],
    ["prices", { "test-model": { inputPerMTok: 1, outputPerMTok: 2, reasoningPerMTok: -3 } }],
  ])("refuses %s: %s, naming the option", (option, value) => {
    const error = buildError({ [option]: value });
    expect(error.field?.split(".")[0]).toBe(option);
    expect(error.message).toContain(`\`${option}`);
    expect(error.message).toContain("TestAdapter");
  });

  it("accepts the documented ranges, and Infinity as an unlimited maxConcurrency", () => {
    expect(
      () =>
        new TestAdapter(async () => reply("ok"), {
          timeoutMs: 2 ** 31 - 1,
          maxRetries: 0,
          maxConcurrency: Number.POSITIVE_INFINITY,
          retryPolicy: { initialDelayMs: 0, maxDelayMs: 10, maxRetryAfterMs: 1_000 },
          prices: { "test-model": { inputPerMTok: 0, outputPerMTok: 0.5 } },
        }),
    ).not.toThrow();
  });

  it("refuses a bad rate in the adapter's own table before any request is sent", async () => {
    const bad: ModelPrice = { inputPerMTok: 1, outputPerMTok: -2, maxOutputTokens: 100 };
    class BadTableAdapter extends TestAdapter {
      override readonly priceTable = {
        provider: "test",
        asOf: "2026-11-01",
        source: "broken",
        models: { "test-model": bad },
      };
    }
    const adapter = new BadTableAdapter(async () => reply("ok"));
    const error = await adapter.executePrompt("hi", { model: "test-model" }).catch((e) => e);
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as LLMConfigError).message).toMatch(/outputPerMTok/);
    expect(adapter.requests).toHaveLength(0);
  });

  it("never reports a negative cost, even for negative token counts from a provider", async () => {
    const adapter = new TestAdapter(
      async () => ({
        ...reply("ok"),
        usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, reasoningTokens: -100 },
      }),
      { prices: { "test-model": { inputPerMTok: 1, outputPerMTok: 2, reasoningPerMTok: 10 } } },
    );
    const result = await adapter.executePrompt("hi", { model: "test-model" });
    expect(result.costUsd).toBe(0);
  });
});

describe("timeoutMs beyond what a timer can hold", () => {
  it.each([2 ** 31, Number.MAX_SAFE_INTEGER])(
    "refuses a per-call timeoutMs of %s instead of timing out at once",
    async (timeoutMs) => {
      const adapter = new TestAdapter(async () => reply("ok"));
      const error = await adapter
        .executePrompt("hi", { model: "test-model", timeoutMs })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LLMConfigError);
      expect((error as LLMConfigError).field).toBe("timeoutMs");
      expect(adapter.requests).toHaveLength(0);
    },
  );

  it("still runs a call with the longest deadline a timer can hold", async () => {
    const adapter = new TestAdapter(async () => reply("ok"));
    const result = await adapter.executePrompt("hi", {
      model: "test-model",
      timeoutMs: 2 ** 31 - 1,
    });
    expect(result.text).toBe("ok");
  });
});
