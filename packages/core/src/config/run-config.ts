import type { z } from "zod";
import type { BudgetTracker } from "../budget/budget-tracker.js";
import { LLMConfigError } from "../errors/provider-errors.js";
import { isTool, isZodSchema, type Tool } from "../tools/tool.js";
import { lazySchema } from "./lazy-schema.js";
import { MAX_TIMER_MS } from "./limits.js";

const isAbortSignal = (value: unknown): value is AbortSignal =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as AbortSignal).aborted === "boolean" &&
  typeof (value as AbortSignal).addEventListener === "function";

const isBudgetTracker = (value: unknown): value is BudgetTracker =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as BudgetTracker).reserve === "function" &&
  Array.isArray((value as BudgetTracker).chain);

/**
 * The options of one call. Only `model` is required. Built on first use (see `lazySchema`), so
 * importing core loads no zod; it is an ordinary zod object schema to extend.
 */
export const runConfigSchema = lazySchema((z) =>
  z.strictObject({
    model: z.string().min(1, 'must name a model, e.g. "gpt-4o-mini"'),
    systemPrompt: z.string().optional(),
    maxOutputTokens: z.number().int().positive().optional(),
    temperature: z.number().min(0).max(2).optional(),
    /**
     * Deadline for the whole call, retries and back-off included. At most 2^31 − 1 ms (24.8
     * days, the longest Node timer); leave it out for no deadline.
     */
    timeoutMs: z.number().int().positive().max(MAX_TIMER_MS).optional(),
    signal: z.custom<AbortSignal>(isAbortSignal, "must be an AbortSignal").optional(),
    /** Retries after the first attempt, for retryable errors only (default 2). */
    maxRetries: z.number().int().min(0).max(10).optional(),
    budgetTracker: z.custom<BudgetTracker>(isBudgetTracker, "must be a BudgetTracker").optional(),
    /** Functions the model may call, by name (letters, digits, `_`, `-`; ≤ 64; made with `tool()`). */
    tools: z
      .record(z.string(), z.custom<Tool>(isTool, "must be made with tool({ description, input })"))
      .optional(),
    /** Whether the model may (`auto`), must (`required`, `{ tool }`) or must not (`none`) call tools. */
    toolChoice: z
      .union([z.enum(["auto", "required", "none"]), z.strictObject({ tool: z.string() })])
      .optional(),
    /** A zod schema the answer must match: sent as the provider's structured output, validated into `result.object`. */
    schema: z.custom<z.ZodType>(isZodSchema, "must be a zod schema").optional(),
    /**
     * Feed an invalid answer (not JSON, not the schema, bad tool arguments) back to the model up
     * to `attempts` times (0–3). Each repair is its own budgeted call: reserved first, refused if
     * it does not fit. Default: no repair.
     */
    repair: z.strictObject({ attempts: z.number().int().min(0).max(3) }).optional(),
    /** Yours: echoed in the result's providerMetadata, never sent to the provider. */
    metadata: z.record(z.string(), z.unknown()).optional(),
  }),
);

export type RunConfig = z.input<typeof runConfigSchema>;

/**
 * Names people reach for from other SDKs, and the field they meant. A prototype-less map, read
 * with `Object.hasOwn`: an unknown key like `constructor` must not find Object.prototype's.
 */
const LIKELY_MEANT: Readonly<Record<string, string>> = Object.assign(Object.create(null), {
  maxTokens: "maxOutputTokens",
  max_tokens: "maxOutputTokens",
  maxCompletionTokens: "maxOutputTokens",
  timeout: "timeoutMs",
  budget: "budgetTracker",
  system: "systemPrompt",
  retries: "maxRetries",
  abortSignal: "signal",
  tool_choice: "toolChoice",
  functions: "tools",
  responseSchema: "schema",
  response_format: "schema",
  outputSchema: "schema",
});

/**
 * Validates a config against a schema (the base one, or an adapter's extension of it) and
 * turns the first problem into an {@link LLMConfigError} naming the field and what it expects.
 */
export function parseConfig<S extends z.ZodType>(schema: S, config: unknown): z.output<S> {
  const parsed = schema.safeParse(config);
  if (parsed.success) return parsed.data;
  throw configErrorFrom(parsed.error, "config");
}

/**
 * Turns the first issue of a zod error into an {@link LLMConfigError} naming the field and what
 * it expects: `root` names what was checked (`"config"`, `"prompt"`, or an adapter class for its
 * constructor options), `provider` goes on the error.
 */
export function configErrorFrom(
  error: z.ZodError,
  root: string,
  provider?: string,
): LLMConfigError {
  const issue = error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0]!;
    const meant = Object.hasOwn(LIKELY_MEANT, key) ? LIKELY_MEANT[key] : undefined;
    const hint = meant ? ` Did you mean \`${meant}\`?` : "";
    return new LLMConfigError(`Unknown ${root} option \`${key}\`.${hint}`, {
      provider,
      field: key,
    });
  }
  const field = issue.path.length > 0 ? issue.path.join(".") : root;
  return new LLMConfigError(`Invalid ${root} option \`${field}\`: ${issue.message}.`, {
    provider,
    field,
  });
}
