import {
  BudgetTracker,
  LLMConnectionError,
  LLMInvalidResponseError,
  LLMTimeoutError,
} from "@llmc/core";
import { describe, expect, it, vi } from "vitest";
import { consoleOutputOf } from "./console-capture.js";
import { expectBilledReservation, settleEvents, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

const budgeted = (budget: BudgetTracker) =>
  ({ model: "gpt-4o-mini", maxOutputTokens: 200, budgetTracker: budget }) as const;

/** Reads a stream to the end, returning the deltas seen and the error it ended with. */
async function drain(stream: AsyncIterable<string>): Promise<{ deltas: string[]; error: unknown }> {
  const deltas: string[] = [];
  try {
    for await (const delta of stream) deltas.push(delta);
  } catch (error) {
    return { deltas, error };
  }
  return { deltas, error: undefined };
}

describe("stream faults", () => {
  it("a stream cut after output began fails, is not retried, and settles at the reservation", async () => {
    env.sim.script("openai", {
      fault: "cut-stream",
      afterChunks: 2,
      reply: { chunks: ["one ", "two ", "three"] },
    });
    const budget = new BudgetTracker({ total: 1 });
    const settled = settleEvents(budget);
    const stream = env.adapter().streamPrompt("Count", budgeted(budget));
    const { deltas, error } = await drain(stream);
    expect(deltas).toEqual(["one ", "two "]);
    expect(error).toBeInstanceOf(LLMConnectionError);
    expect(error).toMatchObject({ provider: "openai", retryable: true });
    // Retryable in itself, but output had started: core never replays a stream.
    expect(env.sim.requestCount("openai")).toBe(1);
    // No usage ever came: the whole reservation is charged, and nothing stays held.
    expect(budget.spent).toBeGreaterThan(0);
    expectBilledReservation(settled);
    expect(budget.reserved).toBe(0);
  });

  it("an invalid JSON event mid-stream → LLMInvalidResponseError, and nothing printed", async () => {
    env.sim.script("openai", { fault: "malformed-json", afterChunks: 1 });
    // The SDK would log "Could not parse message into JSON" to the console (more at
    // OPENAI_LOG=debug): the adapter turns its logger off.
    vi.stubEnv("OPENAI_LOG", "debug");
    let outcome: { deltas: string[]; error: unknown } | undefined;
    try {
      const printed = await consoleOutputOf(async () => {
        outcome = await drain(env.adapter().streamPrompt("Hi", { model: "gpt-4o-mini" }));
      });
      expect(printed).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(outcome?.deltas.length).toBe(1);
    expect(outcome?.error).toBeInstanceOf(LLMInvalidResponseError);
  });

  it("a stalled stream hits timeoutMs: LLMTimeoutError, not retried", async () => {
    env.sim.script("openai", { fault: "stall-stream", afterChunks: 2 });
    const budget = new BudgetTracker({ total: 1 });
    // Long enough to load the SDK and read the 2 chunks on a loaded machine; the stall ends it.
    const stream = env.adapter().streamPrompt("Hi", { ...budgeted(budget), timeoutMs: 2_000 });
    const { deltas, error } = await drain(stream);
    expect(deltas.length).toBe(2);
    expect(error).toBeInstanceOf(LLMTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 2_000, provider: "openai" });
    expect(env.sim.requestCount("openai")).toBe(1);
    expect(budget.reserved).toBe(0);
  });
});
