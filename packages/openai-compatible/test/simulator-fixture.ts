import type { AdapterOptions, BudgetTracker, SettleEvent } from "@llmc/core";
import { type Simulator, startSimulator } from "@llmc/testing";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { loadOpenAISdk } from "../src/load-openai-sdk.js";
import { OpenAICompatibleAdapter } from "../src/openai-compatible-adapter.js";
import type { OpenAICompatibleAdapterOptions } from "../src/openai-compatible-options.js";

/** The key the simulator accepts. */
export const TEST_KEY = "sk-test";

/** Fast back-off so retry tests take milliseconds. */
export const FAST_RETRIES: AdapterOptions["retryPolicy"] = { initialDelayMs: 1, maxDelayMs: 5 };

/** A price for the simulator's models, so budgeted calls can run. */
export const TEST_PRICES = {
  "test-model": { inputPerMTok: 1, outputPerMTok: 2, maxOutputTokens: 1000 },
} as const;

/**
 * One simulator per test file on 127.0.0.1, reset before each test. `adapter()` builds a
 * generic OpenAICompatibleAdapter pointed at its OpenAI-protocol endpoint.
 */
export function useSimulator(): {
  readonly sim: Simulator;
  adapter(options?: OpenAICompatibleAdapterOptions): OpenAICompatibleAdapter;
} {
  let sim: Simulator | undefined;
  beforeAll(async () => {
    // Loaded here so that short deadlines in tests never include the one-time SDK import.
    await loadOpenAISdk();
    sim = await startSimulator();
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(() => {
    sim?.reset();
  });
  return {
    get sim() {
      if (!sim) throw new Error("simulator not started");
      return sim;
    },
    adapter(options = {}) {
      if (!sim) throw new Error("simulator not started");
      return new OpenAICompatibleAdapter({
        provider: "acme",
        apiKey: TEST_KEY,
        baseURL: sim.openai.baseURL,
        retryPolicy: FAST_RETRIES,
        prices: TEST_PRICES,
        ...options,
      });
    },
  };
}

/** The awaited rejection of a promise, for asserting on error fields. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

/** A raw 200 event stream of these JSON chunks, then `[DONE]` unless `done` is false. */
export function rawStream(chunks: readonly unknown[], done = true) {
  return {
    fault: "raw" as const,
    status: 200,
    headers: { "content-type": "text/event-stream" },
    body: [
      ...chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`),
      ...(done ? ["data: [DONE]\n\n"] : []),
    ],
  };
}

/** Collects a budget's settle events, to check what each attempt was charged and why. */
export function settleEvents(budget: BudgetTracker): SettleEvent[] {
  const events: SettleEvent[] = [];
  budget.on("settle", (event) => {
    events.push(event);
  });
  return events;
}

/** The last attempt was answered (200) and failed without usage: charged its whole reservation. */
export function expectBilledReservation(events: readonly SettleEvent[]): void {
  const last = events.at(-1);
  expect(last).toMatchObject({ outcome: "billed-without-usage", costSource: "reservation" });
  expect(last?.costNanos).toBe(last?.reservedNanos);
  expect(last?.costNanos).toBeGreaterThan(0);
}
