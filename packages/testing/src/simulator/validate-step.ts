import type { SimulatorFaultKind, SimulatorProvider, SimulatorStep } from "./types.js";
import { validateToolCallFields } from "./validate-tool-calls.js";

const FAULT_KINDS: ReadonlySet<SimulatorFaultKind> = new Set<SimulatorFaultKind>([
  "http-error",
  "rate-limit",
  "auth",
  "context-length",
  "model-not-found",
  "overloaded",
  "insufficient-credits",
  "server-error",
  "cut-stream",
  "stall-stream",
  "hang",
  "malformed-json",
  "midstream-error",
  "blocked-prompt",
  "raw",
]);

/** Faults only some providers can express. */
const PROVIDER_ONLY: Partial<Record<SimulatorFaultKind, readonly SimulatorProvider[]>> = {
  "blocked-prompt": ["gemini"],
};

const COUNT_FIELDS = [
  "latencyMs",
  "chunkDelayMs",
  "afterChunks",
  "retryAfterSeconds",
  "retryAfterMs",
  "inputTokens",
  "maxContextTokens",
  "costUsd",
] as const;

const USAGE_FIELDS = [
  "inputTokens",
  "outputTokens",
  "cachedInputTokens",
  "cacheWriteTokens",
  "reasoningTokens",
] as const;

function fail(provider: SimulatorProvider, message: string): never {
  throw new TypeError(`simulator step for ${provider}: ${message}`);
}

function checkCount(provider: SimulatorProvider, name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    fail(provider, `${name} must be a finite number >= 0, got ${String(value)}`);
  }
}

function checkUsage(provider: SimulatorProvider, usage: unknown): void {
  if (usage === undefined) return;
  if (usage === null || typeof usage !== "object") fail(provider, "usage must be an object");
  const record = usage as Record<string, unknown>;
  for (const field of USAGE_FIELDS) {
    const value = record[field];
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < 0)) {
      fail(provider, `usage.${field} must be an integer >= 0, got ${String(value)}`);
    }
  }
}

function checkStatus(provider: SimulatorProvider, status: unknown): void {
  if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599) {
    fail(provider, `status must be an integer HTTP status, got ${String(status)}`);
  }
}

/**
 * Rejects a malformed step when it is scripted rather than when a request hits it, so the
 * mistake points at the test line that made it.
 */
export function validateStep(provider: SimulatorProvider, step: SimulatorStep): void {
  if (step === null || typeof step !== "object") fail(provider, "a step must be an object");
  const record = step as unknown as Record<string, unknown>;
  for (const field of COUNT_FIELDS) checkCount(provider, field, record[field]);
  checkUsage(provider, record.usage);
  if (record.chunks !== undefined) {
    if (!Array.isArray(record.chunks) || !record.chunks.every((c) => typeof c === "string")) {
      fail(provider, "chunks must be an array of strings");
    }
  }
  if (step.fault === undefined) {
    validateToolCallFields(provider, record);
    return;
  }
  if (!FAULT_KINDS.has(step.fault)) fail(provider, `unknown fault "${String(step.fault)}"`);
  const only = PROVIDER_ONLY[step.fault];
  if (only !== undefined && !only.includes(provider)) {
    fail(provider, `fault "${step.fault}" exists only for ${only.join(", ")}`);
  }
  if (step.fault === "http-error" || step.fault === "raw") checkStatus(provider, step.status);
  if (step.fault === "raw" && step.body === undefined) fail(provider, "raw needs a body");
  if (step.fault === "midstream-error") checkUsage(provider, step.usage);
  if (
    (step.fault === "cut-stream" ||
      step.fault === "stall-stream" ||
      step.fault === "midstream-error") &&
    step.reply !== undefined
  ) {
    validateStep(provider, step.reply);
  }
}
