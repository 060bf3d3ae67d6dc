import { LLMError, type LLMErrorOptions } from "@llmc/core";

/**
 * The run stopped at `--max-turns` before the model finished (a tool call was still pending).
 * Not retryable: the same call stops at the same place. Raise `maxTurns`, or give the model
 * fewer steps to do. What the turns cost is charged (`reportedCostUsd`).
 */
export class ClaudeCodeMaxTurnsError extends LLMError {
  static override readonly kind: string = "ClaudeCodeMaxTurnsError";
  override readonly code: "max_turns" = "max_turns";
  readonly maxTurns: number | undefined;
  readonly numTurns: number | undefined;
  constructor(
    message: string,
    options: LLMErrorOptions & { maxTurns?: number | undefined; numTurns?: number | undefined },
  ) {
    super(message, { ...options, retryable: false });
    this.maxTurns = options.maxTurns;
    this.numTurns = options.numTurns;
  }
}

/**
 * The run stopped at its per-call cap (`maxCallCostUsd`, sent as `--max-budget-usd`). The CLI
 * checks the cap after each turn, so the cost (`reportedCostUsd`, charged to the budget) can
 * exceed it by up to one turn. Not retryable.
 */
export class ClaudeCodeMaxBudgetError extends LLMError {
  static override readonly kind: string = "ClaudeCodeMaxBudgetError";
  override readonly code: "max_budget" = "max_budget";
  readonly capUsd: number | undefined;
  constructor(message: string, options: LLMErrorOptions & { capUsd?: number | undefined }) {
    super(message, { ...options, retryable: false });
    this.capUsd = options.capUsd;
  }
}

// Adds this package's codes to core's `LLMErrorCode` union, so a program that imports
// @llmc/claude-code must handle them in an exhaustive `switch (error.code)`.
declare module "@llmc/core" {
  interface LLMErrorCodes {
    max_turns: ClaudeCodeMaxTurnsError;
    max_budget: ClaudeCodeMaxBudgetError;
  }
}
