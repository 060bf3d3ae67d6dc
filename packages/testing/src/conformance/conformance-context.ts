import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { BudgetTracker, type LLMAdapter, LLMError, type PromptStream } from "@llmc/core";
import { expect } from "vitest";
import { startSimulator } from "../simulator/start-simulator.js";
import type { Simulator } from "../simulator/types.js";
import type {
  AdapterConformanceOptions,
  ConformanceAdapterOptions,
} from "./conformance-options.js";
import { printedError } from "./printed-error.js";
import { RecordingBudgetStore } from "./recording-budget-store.js";

/** Back-off of milliseconds, so retry cases take no time. */
const FAST_RETRIES = { initialDelayMs: 1, maxDelayMs: 5 } as const;

/** What every case works with: the simulator, the adapter factory and the checks they share. */
export class ConformanceContext {
  /**
   * A key of no well-known shape (`sk-…`, `AIza…`), so only the adapter registering it can
   * mask it; random, so no fixture or snapshot can contain it by chance.
   */
  readonly apiKey = `llmc-conformance-${randomBytes(12).toString("hex")}`;
  #sim: Simulator | undefined;

  constructor(readonly options: AdapterConformanceOptions) {}

  get protocol() {
    return this.options.simulator.protocol;
  }

  get model(): string {
    return this.options.model;
  }

  get unpricedModel(): string {
    return this.options.unpricedModel ?? "llmc-conformance-unpriced-model";
  }

  get sim(): Simulator {
    if (!this.#sim) throw new Error("the conformance simulator is not running");
    return this.#sim;
  }

  async start(): Promise<void> {
    this.#sim = await startSimulator({ ...this.options.simulator.options, apiKeys: [this.apiKey] });
  }

  async stop(): Promise<void> {
    await this.#sim?.close();
    this.#sim = undefined;
  }

  /** The simulator's base URL for the protocol under test. */
  baseURL(): string {
    const sim = this.sim;
    switch (this.protocol) {
      case "openai":
        return sim.openai.baseURL;
      case "openrouter":
        return sim.openrouter.baseURL;
      case "gemini":
        return sim.gemini.baseUrl;
      case "anthropic":
        return sim.anthropic.baseUrl;
    }
  }

  /** The options the factory gets: simulator, key, fast back-off, no retries unless asked. */
  adapterOptions(overrides: Partial<ConformanceAdapterOptions> = {}): ConformanceAdapterOptions {
    return {
      baseURL: this.baseURL(),
      apiKey: this.apiKey,
      maxRetries: 0,
      retryPolicy: FAST_RETRIES,
      ...overrides,
    };
  }

  adapter(overrides: Partial<ConformanceAdapterOptions> = {}): LLMAdapter {
    return this.options.createAdapter(this.adapterOptions(overrides));
  }

  get provider(): string {
    return this.options.provider ?? this.adapter().provider;
  }

  /** A budget whose store records every reservation and what its settle charged. */
  budget(total = 1): { tracker: BudgetTracker; store: RecordingBudgetStore } {
    const store = new RecordingBudgetStore();
    return { tracker: new BudgetTracker({ total, name: "conformance", store }), store };
  }

  /** Model requests the simulator received for the protocol under test. */
  requests(): number {
    return this.sim.requestCount(this.protocol);
  }

  /**
   * The rejection of `promise`, checked as every error of every case is: an `LLMError` with
   * the adapter's provider, and the API key in none of its message, stack, JSON or causes.
   */
  async rejection(promise: Promise<unknown>): Promise<LLMError> {
    let outcome: { error: unknown } | undefined;
    try {
      await promise;
    } catch (error) {
      outcome = { error };
    }
    if (!outcome) throw new Error("expected the call to fail, but it succeeded");
    this.expectSafeError(outcome.error);
    return outcome.error as LLMError;
  }

  expectSafeError(error: unknown): void {
    expect(LLMError.isInstance(error), `not an LLMError: ${String(error)}`).toBe(true);
    expect(printedError(error)).not.toContain(this.apiKey);
  }

  /** Reads a stream to its end: the deltas seen and the error it ended with (checked). */
  async drain(stream: PromptStream): Promise<{ deltas: string[]; error: LLMError | undefined }> {
    const deltas: string[] = [];
    try {
      for await (const delta of stream) deltas.push(delta);
    } catch (error) {
      this.expectSafeError(error);
      return { deltas, error: error as LLMError };
    }
    return { deltas, error: undefined };
  }

  /** Polls until `check` holds (a safety net for ordering, never a measurement). */
  async eventually(check: () => boolean, what: string, limitMs = 20_000): Promise<void> {
    const deadline = Date.now() + limitMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The protocol's base URL on a loopback port nothing listens on. */
  async refusedBaseURL(): Promise<string> {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    const url = new URL(this.baseURL());
    url.port = String(port);
    return url.toString().replace(/\/$/, "");
  }
}
