import type { BudgetTracker, LLMAdapter, Prompt, RunConfig, Tool } from "@llmc/core";
import type { AgentStep } from "./agent-result.js";

/** A schema the adapter can hold the final answer to (a zod schema, as `RunConfig.schema`). */
export type AgentSchema = NonNullable<RunConfig["schema"]>;

/** What a schema parses to: zod's output type (`undefined` without a schema). */
export type SchemaOutput<S> = [S] extends [undefined]
  ? undefined
  : S extends { readonly _output: infer O }
    ? O
    : unknown;

/** `fitOutput: true` lowers the output cap down to 256 tokens; an object sets the floor. */
export type FitOutputOption = boolean | { readonly minOutputTokens: number };

export interface AgentOptions<S extends AgentSchema | undefined = undefined> {
  /** Every model call of the run goes through this adapter's `executePrompt`. */
  readonly adapter: LLMAdapter;
  readonly model: string;
  /** Sent as the system prompt of every step, unchanged from step to step. */
  readonly instructions?: string;
  /** The task: a string (one user message) or a conversation to continue. */
  readonly prompt: Prompt;
  /** The tools the model may call. Each needs `execute`: the loop runs it. */
  readonly tools?: Readonly<Record<string, Tool>>;
  /**
   * The run's budget: every model call reserves on it, every tool with `costUsd` reserves on
   * it before it runs, and tools get it as `ctx.budget` for sub-agents.
   */
  readonly budgetTracker?: BudgetTracker;
  /** Model calls at most, the final-answer call aside (default 10). */
  readonly maxSteps?: number;
  /** The answer's shape: the last step is asked for it and `run.object` holds it. */
  readonly schema?: S;
  /** Stops the run: in-flight model calls and tools are cancelled, holds released. */
  readonly signal?: AbortSignal;
  /** A deadline for the whole run, in ms, with the same effect as `signal` when it passes. */
  readonly timeoutMs?: number;
  /** The output cap of every model call (default: the adapter's, from its price table). */
  readonly maxOutputTokens?: number;
  readonly temperature?: number;
  /** Per model call, as `RunConfig.maxRetries`. */
  readonly maxRetries?: number;
  /**
   * The adapter's own per-call options (e.g. Gemini's `thinkingBudget: 0`), merged into every
   * model call's config; the adapter checks them as it checks any call.
   */
  readonly callOptions?: Readonly<Record<string, unknown>>;
  /**
   * Sent with every model call as `RunConfig.metadata` (never to the provider): it is in each
   * result's `providerMetadata` and each budget settle event, e.g. `{ agent: "researcher" }`.
   */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /**
   * When the next model call does not fit the budget, lower its `maxOutputTokens` to what the
   * remaining money pays for, down to a floor (256 tokens, or `minOutputTokens`), instead of
   * stopping with `"budget"` at once.
   */
  readonly fitOutput?: FitOutputOption;
  /**
   * Keeps `reserveUsd` of the budget aside from the start, for one last call with tools
   * disabled when the run stops for `"budget"` or `"max-steps"`: the run ends with an answer.
   */
  readonly finalAnswer?: { readonly reserveUsd: number };
  /** Tells the model its budget in the instructions (needs `budgetTracker`). */
  readonly discloseBudget?: boolean;
  /**
   * Tool errors (input failing its schema, `execute` throwing) the run tolerates; one more
   * stops it with `"tool-error"` (default 3).
   */
  readonly maxToolErrors?: number;
  /** `"stop"`: a throwing `execute` stops the run with `"tool-error"` at once (default `"continue"`). */
  readonly onToolError?: "continue" | "stop";
  /** Called after each step, tools included. A throw ends the run with that error. */
  readonly onStep?: (step: AgentStep) => void;
}

export const DEFAULT_MAX_STEPS = 10;
export const DEFAULT_MAX_TOOL_ERRORS = 3;
export const DEFAULT_MIN_OUTPUT_TOKENS = 256;
