import { LLMConfigError, MAX_TIMER_MS, MAX_USD } from "@llmc/core";
import type { AgentOptions, AgentSchema } from "./agent-options.js";

const KNOWN = new Set([
  "adapter",
  "model",
  "instructions",
  "prompt",
  "tools",
  "budgetTracker",
  "maxSteps",
  "schema",
  "signal",
  "timeoutMs",
  "maxOutputTokens",
  "temperature",
  "maxRetries",
  "metadata",
  "callOptions",
  "fitOutput",
  "finalAnswer",
  "discloseBudget",
  "maxToolErrors",
  "onToolError",
  "onStep",
]);

/** Call options the loop sets on every model call: not for `callOptions`. */
const OWNED_BY_THE_LOOP = new Set([
  "model",
  "systemPrompt",
  "budgetTracker",
  "signal",
  "timeoutMs",
  "tools",
  "toolChoice",
  "schema",
  "repair",
  "maxOutputTokens",
  "temperature",
  "maxRetries",
  "metadata",
]);

/** Names other agent libraries use, and ours. */
const LIKELY_MEANT: Readonly<Record<string, string>> = Object.assign(Object.create(null), {
  maxTurns: "maxSteps",
  stopWhen: "maxSteps",
  system: "instructions",
  systemPrompt: "instructions",
  budget: "budgetTracker",
  timeout: "timeoutMs",
  abortSignal: "signal",
  maxTokens: "maxOutputTokens",
  output: "schema",
});

const fail = (field: string, message: string): never => {
  throw new LLMConfigError(`runAgent option \`${field}\` ${message}`, { field });
};

const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER) =>
  typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

/**
 * Checks the options before any call, so a mistake is an `LLMConfigError` naming the option
 * and what it expects, never a half-run loop. The model-call options themselves
 * (`temperature`, `maxRetries`, `model`, …) are checked again by the adapter on each call.
 */
export function checkAgentOptions<S extends AgentSchema | undefined>(
  options: AgentOptions<S>,
): void {
  if (typeof options !== "object" || options === null) {
    throw new LLMConfigError("runAgent needs an options object", { field: "options" });
  }
  for (const key of Object.keys(options)) {
    if (KNOWN.has(key)) continue;
    const meant = Object.hasOwn(LIKELY_MEANT, key) ? ` Did you mean \`${LIKELY_MEANT[key]}\`?` : "";
    throw new LLMConfigError(`Unknown runAgent option \`${key}\`.${meant}`, { field: key });
  }
  if (typeof options.adapter?.executePrompt !== "function") {
    fail("adapter", "must be an adapter (an LLMAdapter, e.g. new OpenAIAdapter())");
  }
  if (typeof options.model !== "string" || options.model.length === 0) {
    fail("model", 'must name a model, e.g. "gpt-4o-mini"');
  }
  const prompt = options.prompt as unknown;
  if (
    !(typeof prompt === "string" ? prompt.length > 0 : Array.isArray(prompt) && prompt.length > 0)
  ) {
    fail("prompt", "must be a non-empty string or a non-empty list of messages");
  }
  for (const [name, tool] of Object.entries(options.tools ?? {})) {
    if (typeof tool?.execute !== "function") {
      fail(
        `tools.${name}`,
        "has no `execute`: runAgent runs the tools the model calls, so each needs one " +
          "(call executePrompt with `tools` yourself to handle tool calls another way)",
      );
    }
  }
  if (options.maxSteps !== undefined && !isInt(options.maxSteps, 1, 10_000)) {
    fail("maxSteps", `must be a whole number from 1 to 10000, got ${String(options.maxSteps)}`);
  }
  if (options.timeoutMs !== undefined && !isInt(options.timeoutMs, 1, MAX_TIMER_MS)) {
    fail(
      "timeoutMs",
      `must be a whole number of ms from 1 to ${MAX_TIMER_MS}; leave it out for no deadline`,
    );
  }
  if (options.maxToolErrors !== undefined && !isInt(options.maxToolErrors, 0)) {
    fail("maxToolErrors", `must be a whole number ≥ 0, got ${String(options.maxToolErrors)}`);
  }
  if (
    options.onToolError !== undefined &&
    options.onToolError !== "continue" &&
    options.onToolError !== "stop"
  ) {
    fail("onToolError", `must be "continue" or "stop", got ${String(options.onToolError)}`);
  }
  const fit = options.fitOutput;
  if (fit !== undefined && typeof fit !== "boolean" && !isInt(fit?.minOutputTokens, 1)) {
    fail("fitOutput", "must be true, false or { minOutputTokens: a whole number ≥ 1 }");
  }
  const reserve = options.finalAnswer?.reserveUsd;
  if (options.finalAnswer !== undefined) {
    if (
      typeof reserve !== "number" ||
      !Number.isFinite(reserve) ||
      reserve <= 0 ||
      reserve > MAX_USD
    ) {
      fail("finalAnswer.reserveUsd", `must be a USD amount > 0, got ${String(reserve)}`);
    }
    if (!options.budgetTracker)
      fail("finalAnswer", "keeps money aside on `budgetTracker`: set one");
  }
  if (options.discloseBudget && !options.budgetTracker) {
    fail("discloseBudget", "tells the model what `budgetTracker` has left: set one");
  }
  for (const key of Object.keys(options.callOptions ?? {})) {
    // The loop owns these: set them on runAgent itself (or they would fight the loop).
    if (OWNED_BY_THE_LOOP.has(key)) {
      fail(`callOptions.${key}`, "is set by the loop itself; use runAgent's own options");
    }
  }
  if (options.onStep !== undefined && typeof options.onStep !== "function") {
    fail("onStep", "must be a function");
  }
}
