import type { ClaudeCodeOptions, ClaudeCodeRunConfig } from "./claude-code-options.js";

/**
 * How one call runs, decided from the adapter options and the call's extras:
 * - a **single-turn** call (no tools, `maxTurns` unset or 1) runs exactly one model turn
 *   (`--max-turns 1`), so its cost is bounded by its input and `maxOutputTokens`;
 * - a **multi-turn** call (tools enabled or `maxTurns > 1`) is bounded by a per-call cap that
 *   the CLI checks after each turn (`--max-budget-usd`).
 */
export interface ClaudeCallPlan {
  readonly multiTurn: boolean;
  readonly tools: readonly string[];
  /** `--max-turns`, when one is passed. */
  readonly maxTurns: number | undefined;
  /** The per-call cap in USD, when one is set. */
  readonly capUsd: number | undefined;
}

export function planClaudeCall(
  options: ClaudeCodeOptions,
  config: ClaudeCodeRunConfig,
): ClaudeCallPlan {
  const tools = options.tools ?? [];
  const maxTurns = config.maxTurns ?? options.maxTurns;
  const capUsd = config.maxCallCostUsd ?? options.maxCallCostUsd;
  const multiTurn = tools.length > 0 || (maxTurns !== undefined && maxTurns > 1);
  return { multiTurn, tools, maxTurns: multiTurn ? maxTurns : 1, capUsd };
}
