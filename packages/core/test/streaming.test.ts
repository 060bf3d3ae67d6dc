import { describe, expect, it } from "vitest";
import {
  BudgetTracker,
  LLMAbortError,
  LLMProviderError,
  type ProviderRequest,
  type ProviderStreamPart,
} from "../src/index.js";
import { delay, reply, TestAdapter } from "./support/test-adapter.js";

const usage = { inputTokens: 100_000, outputTokens: 50_000, totalTokens: 150_000 };

function streaming(
  stream: (request: ProviderRequest) => AsyncIterable<ProviderStreamPart>,
  options = {},
) {
  return new TestAdapter(async () => reply("unused"), { ...options, stream });
}

async function* words(
  request: ProviderRequest,
  parts: string[],
  finish = true,
): AsyncIterable<ProviderStreamPart> {
  for (const text of parts) {
    await delay(1, request.signal);
    yield { type: "text-delta", text };
  }
  if (finish) yield { type: "finish", finishReason: { kind: "stop", raw: "stop" }, usage };
}

describe("streamPrompt", () => {
  it("yields deltas in order and resolves the result with the usage from the finish event", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const adapter = streaming((request) => words(request, ["Hel", "lo", "!"]));
    const stream = adapter.streamPrompt("hi", {
      model: "test-model",
      maxOutputTokens: 50_000,
      budgetTracker: budget,
    });
    const seen: string[] = [];
    for await (const delta of stream) seen.push(delta);
    const result = await stream.result;
    expect(seen).toEqual(["Hel", "lo", "!"]);
    expect(result).toMatchObject({
      text: "Hello!",
      costUsd: 0.2,
      costSource: "price-table",
      attempts: 1,
    });
    expect([budget.spent, budget.reserved]).toEqual([0.2, 0]);
  });

  it("buffers deltas for a consumer that only awaits the result", async () => {
    const adapter = streaming((request) => words(request, ["a", "b"]));
    expect((await adapter.streamPrompt("hi", { model: "test-model" }).result).text).toBe("ab");
  });

  it("falls back to one delta for adapters without native streaming", async () => {
    const adapter = new TestAdapter(async () => reply("whole answer"));
    const deltas: string[] = [];
    for await (const delta of adapter.streamPrompt("hi", { model: "test-model" }))
      deltas.push(delta);
    expect(deltas).toEqual(["whole answer"]);
  });

  it("charges the whole reservation when a stream is cut after output began without usage", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const adapter = streaming(async function* (request) {
      yield* words(request, ["partial"], false);
      throw new LLMProviderError("connection reset", { status: 502 });
    });
    const stream = adapter.streamPrompt("hi", {
      model: "test-model",
      maxOutputTokens: 50_000,
      budgetTracker: budget,
    });
    await expect(stream.result).rejects.toBeInstanceOf(LLMProviderError);
    // No retry once output has started, even for a retryable error.
    expect(adapter.requests).toHaveLength(1);
    expect(budget.reserved).toBe(0);
    expect(budget.spent).toBeGreaterThan(0.1);
  });

  it("charges reported usage when a mid-stream error carries it", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const adapter = streaming(async function* (request) {
      yield* words(request, ["partial"], false);
      throw new LLMProviderError("Token limit reached", { reportedCostUsd: 0.0123 });
    });
    const stream = adapter.streamPrompt("hi", {
      model: "test-model",
      maxOutputTokens: 50_000,
      budgetTracker: budget,
    });
    await expect(stream.result).rejects.toThrow("Token limit reached");
    expect([budget.spent, budget.reserved]).toEqual([0.0123, 0]);
  });

  it("settles at the reservation when the finish event had no usage", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const adapter = streaming(async function* () {
      yield { type: "text-delta", text: "x" };
      yield { type: "finish", finishReason: { kind: "stop", raw: "stop" } };
    });
    const result = await adapter.streamPrompt("hi", {
      model: "test-model",
      maxOutputTokens: 1_000,
      budgetTracker: budget,
    }).result;
    expect(result.costSource).toBe("reservation");
    expect(budget.spent).toBe(result.costUsd);
    expect(budget.reserved).toBe(0);
  });

  it("cancels the request when the consumer breaks out of the loop", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const adapter = streaming((request) => words(request, ["a", "b", "c", "d", "e", "f"]));
    const stream = adapter.streamPrompt("hi", {
      model: "test-model",
      maxOutputTokens: 50_000,
      budgetTracker: budget,
    });
    for await (const delta of stream) {
      if (delta === "b") break;
    }
    await expect(stream.result).rejects.toBeInstanceOf(LLMAbortError);
    expect(adapter.requests[0]!.signal.aborted).toBe(true);
    expect(budget.reserved).toBe(0);
  });

  it("retries a stream that failed before any output", async () => {
    let attempt = 0;
    const adapter = streaming(
      (request) =>
        (async function* () {
          if (++attempt === 1) throw new LLMProviderError("overloaded", { status: 529 });
          yield* words(request, ["ok"]);
        })(),
      { retryPolicy: { initialDelayMs: 1, maxDelayMs: 1 } },
    );
    const result = await adapter.streamPrompt("hi", { model: "test-model" }).result;
    expect([result.text, result.attempts]).toEqual(["ok", 2]);
  });

  it("reports validation errors through the result and the loop, not synchronously", async () => {
    const adapter = streaming((request) => words(request, ["a"]));
    const stream = adapter.streamPrompt("", { model: "test-model" });
    await expect(stream.result).rejects.toMatchObject({ name: "LLMConfigError", field: "prompt" });
    await expect(async () => {
      for await (const _ of stream) {
        // unreachable
      }
    }).rejects.toThrow(/prompt/);
  });
});
