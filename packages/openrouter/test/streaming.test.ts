import {
  BudgetTracker,
  LLMAbortError,
  LLMConnectionError,
  LLMInvalidResponseError,
  LLMTimeoutError,
} from "@llmc/core";
import { describe, expect, it, vi } from "vitest";
import { consoleOutputOf } from "./console-capture.js";
import {
  expectBilledReservation,
  rejectionOf,
  settleEvents,
  useSimulator,
} from "./simulator-fixture.js";

const env = useSimulator();

const budgeted = (budget: BudgetTracker) =>
  ({ model: "openai/gpt-4o-mini", maxOutputTokens: 200, budgetTracker: budget }) as const;

async function drain(stream: AsyncIterable<string>): Promise<{ deltas: string[]; error: unknown }> {
  const deltas: string[] = [];
  try {
    for await (const delta of stream) deltas.push(delta);
  } catch (error) {
    return { deltas, error };
  }
  return { deltas, error: undefined };
}

describe("streamPrompt", () => {
  it("skips keep-alive comments, yields the deltas, keeps native_finish_reason and the generation id", async () => {
    env.sim.script("openrouter", {
      chunks: ["Hel", "lo", "!"],
      finishReason: "stop",
      nativeFinishReason: "end_turn",
      upstreamProvider: "Anthropic",
      model: "anthropic/claude-4.5-sonnet-20250929",
    });
    const stream = env.adapter().streamPrompt("Hi", { model: "anthropic/claude-sonnet-4.5" });
    const { deltas, error } = await drain(stream);
    const result = await stream.result;
    expect(error).toBeUndefined();
    expect(deltas).toEqual(["Hel", "lo", "!"]);
    expect(result.text).toBe("Hello!");
    expect(result.model).toBe("anthropic/claude-4.5-sonnet-20250929");
    expect(result.finishReason).toEqual({ kind: "stop", raw: "stop" });
    expect(result.providerMetadata).toEqual({
      id: expect.stringMatching(/^gen-/),
      generationId: result.providerMetadata.id,
      upstreamProvider: "Anthropic",
      nativeFinishReason: "end_turn",
    });
    expect(result.costSource).toBe("provider");
  });

  it("a stream cut after output began: not retried, settled at the reservation", async () => {
    env.sim.script("openrouter", { fault: "cut-stream", afterChunks: 2 });
    const budget = new BudgetTracker({ total: 1 });
    const settled = settleEvents(budget);
    const { deltas, error } = await drain(env.adapter().streamPrompt("Hi", budgeted(budget)));
    expect(deltas.length).toBe(2);
    expect(error).toBeInstanceOf(LLMConnectionError);
    expect(env.sim.requestCount("openrouter")).toBe(1);
    expect(budget.spent).toBeGreaterThan(0);
    expectBilledReservation(settled);
    expect(budget.reserved).toBe(0);
  });

  it("a stream that finishes without a usage chunk is charged its reservation", async () => {
    env.sim.script("openrouter", {
      fault: "raw",
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: [
        ": OPENROUTER PROCESSING\n\n",
        'data: {"id":"gen-2","choices":[{"delta":{"content":"Hi"},"finish_reason":null}]}\n\n',
        'data: {"id":"gen-2","choices":[{"delta":{"content":""},"finish_reason":"stop","native_finish_reason":"end_turn"}]}\n\n',
        "data: [DONE]\n\n",
      ],
    });
    const budget = new BudgetTracker({ total: 1 });
    const result = await env.adapter().streamPrompt("Hi", budgeted(budget)).result;
    expect(result.text).toBe("Hi");
    expect(result.costSource).toBe("reservation");
    expect(result.costUsd).toBeGreaterThan(0);
    expect(budget.spent).toBe(result.costUsd);
    expect(budget.reserved).toBe(0);
  });

  it("a stream that closes cleanly without [DONE] and without a finish reason is an invalid response, not retried", async () => {
    env.sim.script("openrouter", {
      fault: "raw",
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: [
        ": OPENROUTER PROCESSING\n\n",
        'data: {"id":"gen-1","choices":[{"delta":{"content":"Hi"}}]}\n\n',
      ],
    });
    const { deltas, error } = await drain(
      env.adapter().streamPrompt("Hi", { model: "openai/gpt-4o-mini" }),
    );
    expect(deltas).toEqual(["Hi"]);
    // As contracts/core.md and the Gemini adapter say: an answer we cannot trust as complete.
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect(error).toMatchObject({ retryable: false });
    expect((error as Error).message).toContain("ended before its finish reason");
    expect(env.sim.requestCount("openrouter")).toBe(1);
  });

  it("an invalid JSON event → LLMInvalidResponseError, and nothing printed", async () => {
    env.sim.script("openrouter", { fault: "malformed-json", afterChunks: 1 });
    // OPENAI_LOG=debug would make the openai SDK log every request to the console: the
    // adapter turns the SDK's logger off.
    vi.stubEnv("OPENAI_LOG", "debug");
    let error: unknown;
    try {
      const printed = await consoleOutputOf(async () => {
        ({ error } = await drain(
          env.adapter().streamPrompt("Hi", { model: "openai/gpt-4o-mini" }),
        ));
      });
      expect(printed).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
  });

  it("the caller's abort mid-stream → LLMAbortError, nothing left reserved", async () => {
    env.sim.script("openrouter", { fault: "stall-stream", afterChunks: 1 });
    const budget = new BudgetTracker({ total: 1 });
    const controller = new AbortController();
    const stream = env
      .adapter()
      .streamPrompt("Hi", { ...budgeted(budget), signal: controller.signal });
    const error = await rejectionOf(
      (async () => {
        for await (const _delta of stream) controller.abort();
      })(),
    );
    expect(error).toBeInstanceOf(LLMAbortError);
    expect(budget.reserved).toBe(0);
    expect(env.sim.requestCount("openrouter")).toBe(1);
  });

  it("a stalled stream hits timeoutMs → LLMTimeoutError", async () => {
    env.sim.script("openrouter", { fault: "stall-stream", afterChunks: 1 });
    const budget = new BudgetTracker({ total: 1 });
    // Long enough to load the SDK and read the first chunk on a loaded machine; the stall ends it.
    const { deltas, error } = await drain(
      env.adapter().streamPrompt("Hi", { ...budgeted(budget), timeoutMs: 2_000 }),
    );
    expect(deltas.length).toBe(1);
    expect(error).toBeInstanceOf(LLMTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 2_000 });
    expect(budget.reserved).toBe(0);
  });

  it("leaving the loop early cancels the request", async () => {
    env.sim.script("openrouter", { fault: "stall-stream", afterChunks: 1 });
    const stream = env.adapter().streamPrompt("Hi", { model: "openai/gpt-4o-mini" });
    for await (const _delta of stream) break;
    await expect(stream.result).rejects.toBeInstanceOf(LLMAbortError);
  });
});
