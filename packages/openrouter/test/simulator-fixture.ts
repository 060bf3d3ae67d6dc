import type { AdapterOptions, BudgetTracker, SettleEvent } from "@llmc/core";
import { loadOpenAISdk } from "@llmc/openai-compatible";
import { type Simulator, startSimulator } from "@llmc/testing";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { OpenRouterAdapter } from "../src/openrouter-adapter.js";
import type { OpenRouterAdapterOptions } from "../src/openrouter-options.js";

/** The key the simulator accepts. */
export const TEST_KEY = "sk-test";

/** Fast back-off so retry tests take milliseconds. */
export const FAST_RETRIES: AdapterOptions["retryPolicy"] = { initialDelayMs: 1, maxDelayMs: 5 };

/**
 * One simulator per test file on 127.0.0.1, reset before each test. `adapter()` builds an
 * OpenRouterAdapter pointed at it.
 */
export function useSimulator(apiKeys?: string[]): {
  readonly sim: Simulator;
  adapter(options?: OpenRouterAdapterOptions): OpenRouterAdapter;
} {
  let sim: Simulator | undefined;
  beforeAll(async () => {
    // The SDK loads on an adapter's first call; load it here so that the short deadlines of
    // these tests never include that one-time import on a loaded machine.
    await loadOpenAISdk();
    sim = await startSimulator(apiKeys ? { apiKeys } : {});
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
      return new OpenRouterAdapter({
        apiKey: TEST_KEY,
        baseURL: sim.openrouter.baseURL,
        retryPolicy: FAST_RETRIES,
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
