import {
  LLMConfigError,
  type ModelPrice,
  type Nanos,
  usdToNanosCeil,
  worstCaseCost,
} from "@llmc/core";
import { claudeContextWindow } from "./claude-code-prices.js";

/**
 * Input tokens the CLI adds to every single-turn call around the user's prompt, as an upper
 * bound (one token per byte: no tokenizer emits more), measured by the size of the whole
 * request body the CLI sent to the `@llmc/testing` simulator, with `--tools ""`, no setting
 * sources, prompt "Say hello", model claude-sonnet-4-5 (two runs each, identical):
 *
 * | mode                              | 2.1.197        | 2.1.332 (2026-12-01) | bound  |
 * | --------------------------------- | -------------- | -------------------- | ------ |
 * | the CLI's own system prompt       | 27.0–28.5 KB   | 29,989 B             | 40,000 |
 * | `--system-prompt` replacing it    | 1.1 KB         | 2,073 B              | 4,096  |
 * | `--bare`, its own (short) prompt  | —              | 863 B, of which the cwd path 17 B | 2,048 + cwd bytes |
 * | `--bare` + `--system-prompt`      | —              | 837 B                | 2,048  |
 *
 * Non-bare bodies carry the agent prompt, environment and a date reminder; bare ones only the
 * billing line, one identity line and `CWD: <cwd>\nDate: …` (replaced by `--system-prompt`),
 * so the bare bound adds the cwd's own length. Loading setting sources adds CLAUDE.md memory
 * files on top; raise `promptOverheadTokens` by their size when you load them.
 */
export const CLI_DEFAULT_PROMPT_OVERHEAD_TOKENS = 40_000;
export const CLI_REPLACED_PROMPT_OVERHEAD_TOKENS = 4_096;
/** `--bare`: measured 837–863 bytes of framing on 2.1.332; the cwd path is added per call. */
export const CLI_BARE_PROMPT_OVERHEAD_TOKENS = 2_048;

export function cliPromptOverheadTokens(
  replacesSystemPrompt: boolean,
  bare: boolean,
  cwd: string,
): number {
  if (bare) return CLI_BARE_PROMPT_OVERHEAD_TOKENS + Buffer.byteLength(cwd, "utf8");
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
