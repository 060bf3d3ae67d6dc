import {
  LLMConfigError,
  type ModelPrice,
  type Nanos,
  usdToNanosCeil,
  worstCaseCost,
} from "@llmc/core";
import { claudeContextWindow } from "./claude-prices.js";

/**
 * Input tokens the CLI adds to every single-turn call around the user's prompt, as an upper
 * bound (one token per byte: no tokenizer emits more). Measured on 2.1.197 with `--tools ""`
 * and no setting sources, by the size of the whole request body the CLI sent:
 * - its own system prompt (billing line, identity line, ~25.5 KB of instructions and
 *   environment, git status capped by the CLI) plus the date reminder: 27.0–28.5 KB →
 *   bounded by 40,000;
 * - with `--system-prompt` replacing it: 1.1 KB besides the user's own text → 4,096.
 * Loading setting sources adds CLAUDE.md memory files on top; raise `promptOverheadTokens`
 * by their size when you load them.
 */
export const CLI_DEFAULT_PROMPT_OVERHEAD_TOKENS = 40_000;
export const CLI_REPLACED_PROMPT_OVERHEAD_TOKENS = 4_096;

export function cliPromptOverheadTokens(replacesSystemPrompt: boolean): number {
  return replacesSystemPrompt
    ? CLI_REPLACED_PROMPT_OVERHEAD_TOKENS
    : CLI_DEFAULT_PROMPT_OVERHEAD_TOKENS;
}

/**
 * The worst case of a multi-turn call: the CLI checks `--max-budget-usd` only after a turn, so
 * the turn that crosses the cap runs to its end. Total ≤ cap + one turn, and one turn's input
 * cannot exceed the context window the CLI works in (it compacts before), its output not
 * `maxOutputTokens` (sent as CLAUDE_CODE_MAX_OUTPUT_TOKENS).
 */
export function multiTurnReservationNanos(
  capUsd: number | undefined,
  model: string,
  maxOutputTokens: number,
  price: ModelPrice,
): Nanos {
  if (capUsd === undefined) {
    throw new LLMConfigError(
      "A budgeted Claude Code call with tools or several turns needs a per-call cap: set " +
        "`maxCallCostUsd` (adapter option or per call). The CLI checks it after each turn, " +
        "so the call reserves the cap plus one turn's worst case.",
      { provider: "claude-code", field: "maxCallCostUsd" },
    );
  }
  return usdToNanosCeil(capUsd) + oneTurnWorstCaseNanos(model, maxOutputTokens, price);
}

export function oneTurnWorstCaseNanos(
  model: string,
  maxOutputTokens: number,
  price: ModelPrice,
): Nanos {
  return worstCaseCost(claudeContextWindow(model), maxOutputTokens, price);
}
