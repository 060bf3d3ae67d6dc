import type { FinishReason, ToolCall, Usage } from "@llmc/core";

/**
 * Why the run ended. `done`: the model answered without calling a tool. `budget`: the next
 * model call did not fit the budget (not even with `fitOutput`). `max-steps`: `maxSteps` model
 * calls were made. `tool-error`: more tool errors than `maxToolErrors`, or a throwing tool with
 * `onToolError: "stop"`. `aborted` / `timeout`: the signal fired / `timeoutMs` passed.
 */
export type AgentStopReason =
  | "done"
  | "budget"
  | "max-steps"
  | "tool-error"
  | "aborted"
  | "timeout";

/**
 * What became of one tool call. `ok`: ran. `error`: `execute` threw. `invalid-input`: the
 * model's input failed the tool's schema (not run). `refused`: its `costUsd` did not fit the
 * budget (not run). `not-run`: the run stopped before it (step limit, an earlier stop).
 * `aborted`: cancelled by the run's signal or deadline.
 */
export type AgentToolCallStatus =
  | "ok"
  | "error"
  | "invalid-input"
  | "refused"
  | "not-run"
  | "aborted";

export interface AgentToolCall extends ToolCall {
  /** The step (1-based) whose model call asked for it. */
  readonly step: number;
  readonly status: AgentToolCallStatus;
  /** What `execute` returned (`ok` only). */
  readonly output?: unknown;
  /** Why it failed or did not run, as the model was told. */
  readonly error?: string;
  /** What it was charged on the budget: `ctx.charge`, or the declared `costUsd`, or 0. */
  readonly costUsd: number;
}

/** One model call of the run and the tool calls it asked for. */
export interface AgentStep {
  /** 1-based. */
  readonly index: number;
  /** `final-answer`: the last call with tools disabled (`finalAnswer`). */
  readonly kind: "model" | "final-answer";
  readonly text: string;
  readonly provider: string;
  readonly model: string;
  readonly finishReason: FinishReason;
  readonly usage: Usage;
  /** The model call's cost; `undefined` when unknown (no price, no budget). */
  readonly costUsd: number | undefined;
  /** The output cap the call was sent with (lower than asked when `fitOutput` lowered it). */
  readonly maxOutputTokens: number | undefined;
  readonly durationMs: number;
  /**
   * Invalid answers core fed back to the model within this step (`repair`: a tool input that
   * failed its schema, an unknown tool, an answer not matching `schema`); each is a tool error.
   */
  readonly repairs: number;
  readonly toolCalls: readonly AgentToolCall[];
}

export interface AgentRun<T = unknown> {
  readonly stopReason: AgentStopReason;
  /** The last model call's text: the answer when `done` or after a final answer. */
  readonly text: string;
  /** The parsed answer when a schema was given and the last call returned one. */
  readonly object: T | undefined;
  readonly steps: readonly AgentStep[];
  /** Every model call's usage, summed. */
  readonly usage: Usage;
  /**
   * What this run charged: its model calls plus its tools' charges. Spend of model calls made
   * inside a tool (a sub-agent) is on the budget, not here. `undefined` if any model call's
   * cost was unknown (no price, no budget).
   */
  readonly costUsd: number | undefined;
  /** Every tool call of every step, in order, with what became of it. */
  readonly toolCalls: readonly AgentToolCall[];
}
