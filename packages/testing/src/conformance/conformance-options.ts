import type { AdapterOptions, LLMAdapter } from "@llmc/core";
import type { SimulatorProvider, StartSimulatorOptions } from "../simulator/types.js";

/**
 * What the suite passes to `createAdapter`: where the simulator listens, the key it accepts,
 * and core adapter options (retries, deadlines, back-off) that the factory must pass through
 * unchanged, e.g. `({ baseURL, apiKey, ...options }) => new MyAdapter({ baseURL, apiKey, ...options })`.
 */
export interface ConformanceAdapterOptions extends AdapterOptions {
  /** The simulator's base URL for the protocol under test (what the adapter's `baseURL` takes). */
  readonly baseURL: string;
  /** A key the simulator accepts, of no well-known shape: only its registration masks it. */
  readonly apiKey: string;
  /** Anything else the suite sets to check the adapter refuses it (config validation). */
  readonly [option: string]: unknown;
}

/** Every case the suite runs; a `notApplicable` entry names one and says why. */
export const CONFORMANCE_CASES = [
  "usage",
  "usage-cached-input",
  "usage-reasoning",
  "cost",
  "cost-unpriced-unbudgeted",
  "stream-result",
  "settle-failure-before-output",
  "settle-failure-after-output",
  "settle-midstream-error",
  "settle-cut-before-output",
  "settle-abort-before-output",
  "settle-abort-after-output",
  "settle-stream-cancelled",
  "settle-timeout",
  "settle-timeout-after-output",
  "settle-billed-without-usage",
  "refusal-budget-too-small",
  "refusal-unpriced-budgeted",
  "refusal-aborted-signal",
  "retry-rate-limit",
  "retry-server-error",
  "no-retry-non-retryable",
  "no-retry-after-output",
  "error-auth",
  "error-rate-limit",
  "error-context-length",
  "error-model-not-found",
  "error-overloaded",
  "error-server-error",
  "error-insufficient-credits",
  "error-malformed-response",
  "error-connection-refused",
  "redaction-echoed-key",
  "config-empty-prompt",
  "config-unknown-run-option",
  "config-stream-invalid",
  "config-bad-adapter-option",
  "contract-version",
] as const;

export type ConformanceCase = (typeof CONFORMANCE_CASES)[number];

/** An error the suite expects, by class name (e.g. `"LLMRateLimitError"`) and fields. */
export interface ExpectedError {
  /** The `LLMError` subclass, by name; checked with `isInstance`, so duplicate installs pass. */
  readonly name: string;
  readonly retryable: boolean;
  /** Extra fields, matched with `toMatchObject` (e.g. `{ status: 500 }`). */
  readonly fields?: Readonly<Record<string, unknown>>;
}

/** Fault presets whose typed error the suite checks; an adapter may say its own differs. */
export type ConformanceFault =
  | "auth"
  | "rate-limit"
  | "context-length"
  | "model-not-found"
  | "overloaded"
  | "server-error"
  | "insufficient-credits"
  | "malformed-json";

export interface AdapterConformanceOptions {
  /** Names the suite: `adapter conformance: <name>`. */
  readonly name: string;
  /** Builds the adapter under test; called once per test with fresh options. */
  readonly createAdapter: (options: ConformanceAdapterOptions) => LLMAdapter;
  /** The simulator endpoint the adapter speaks (`@llmc/testing`'s `startSimulator`). */
  readonly simulator: {
    readonly protocol: SimulatorProvider;
    /** Extra simulator options (the suite sets `apiKeys`). */
    readonly options?: Omit<StartSimulatorOptions, "apiKeys">;
  };
  /** A model the adapter's price table prices (the cost and budget cases use it). */
  readonly model: string;
  /** A model name no price table knows (default `"llmc-conformance-unpriced-model"`). */
  readonly unpricedModel?: string;
  /** `result.provider` and `error.provider` (default: the adapter's `provider`). */
  readonly provider?: string;
  /**
   * Where a successful call's cost comes from: `"price-table"` (usage × the adapter's table)
   * or `"provider"` (the provider's own bill, e.g. OpenRouter `usage.cost`). Default
   * `"price-table"`.
   */
  readonly costSource?: "price-table" | "provider";
  /**
   * How a call that is cut off before any answer arrived (timeout, abort) settles. HTTP
   * adapters: `"released"` (no response, nothing billed, the default). A CLI that may already
   * have run a model request when it is killed: `"reservation"`.
   */
  readonly unansweredCallSettles?: "released" | "reservation";
  /** Typed errors that differ from the suite's default for a fault preset. */
  readonly errors?: Partial<Record<ConformanceFault, ExpectedError>>;
  /**
   * Cases that cannot apply to this adapter, each with the reason. They still appear in the
   * run: the test's name says what is not checked and why.
   */
  readonly notApplicable?: Partial<Record<ConformanceCase, string>>;
  /** Runs once before the cases (e.g. preload an SDK so short deadlines never include it). */
  readonly beforeAll?: () => Promise<void> | void;
  /** Per-test timeout in ms (default 30 000: the machine may be loaded; nothing here is timed). */
  readonly testTimeoutMs?: number;
  /**
   * The deadline the timeout cases set, in ms (default 2 000). A CLI adapter whose process
   * start takes a while needs more; the stalled server makes any deadline expire.
   */
  readonly deadlineMs?: number;
}
