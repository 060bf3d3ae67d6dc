import { type Simulator, startSimulator } from "@llmc/testing";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { GeminiAdapter, type GeminiAdapterOptions } from "../../src/index.js";
import { loadGeminiSdk } from "../../src/load-gemini-sdk.js";

/** The simulator's default accepted key. */
export const TEST_KEY = "sk-test";

export interface GeminiHarness {
  /** The running simulator (valid inside tests). */
  readonly sim: Simulator;
  /** An adapter pointed at it, retry back-off scaled down so retry tests stay fast. */
  readonly adapter: GeminiAdapter;
  /** Another adapter on the same simulator, with options of your own. */
  adapterWith(options: GeminiAdapterOptions): GeminiAdapter;
}

/**
 * One simulator per test file on 127.0.0.1, reset before each test. Real `@google/genai` over
 * real HTTP; nothing leaves loopback.
 */
export function useGeminiSimulator(options: { apiKeys?: string[] } = {}): GeminiHarness {
  let sim: Simulator | undefined;
  let adapter: GeminiAdapter | undefined;
  const harness: GeminiHarness = {
    get sim() {
      if (!sim) throw new Error("simulator not started");
      return sim;
    },
    get adapter() {
      if (!adapter) throw new Error("simulator not started");
      return adapter;
    },
    adapterWith(extra) {
      return new GeminiAdapter({
        apiKey: TEST_KEY,
        baseURL: harness.sim.gemini.baseUrl,
        retryPolicy: { initialDelayMs: 1, maxDelayMs: 5 },
        ...extra,
      });
    },
  };
  beforeAll(async () => {
    // The SDK loads on an adapter's first call; load it here so that the short deadlines of
    // these tests never include that one-time import on a loaded machine.
    await loadGeminiSdk();
    sim = await startSimulator(options.apiKeys ? { apiKeys: options.apiKeys } : {});
    adapter = harness.adapterWith({});
  });
  beforeEach(() => sim?.reset());
  afterAll(async () => {
    await sim?.close();
  });
  return harness;
}

/** Runs a promise that must fail and returns what it threw. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
