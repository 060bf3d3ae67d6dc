import { maxThinkingTokensFor } from "./gemini-thinking-limits.js";

export interface ReservedOutputInput {
  readonly model: string;
  /** The cap sent as `maxOutputTokens` (core fills in the model's ceiling for budgeted calls). */
  readonly maxOutputTokens: number;
  /** The caller's `thinkingBudget`: a count, 0 for off, -1 or undefined for "the model decides". */
  readonly thinkingBudget: number | undefined;
  /** The model's own output ceiling from the price table, when known. */
  readonly modelMaxOutputTokens: number | undefined;
}

/**
 * The output tokens a budgeted call reserves: the answer's cap plus room for thinking.
 *
 * Gemini bills thoughts at the output rate. On 2.5 and 3 models `maxOutputTokens` has been seen to
 * cap thoughts and answer together (a small cap ends in MAX_TOKENS with empty text), but Google
 * has documented the two as separate and calls `thinkingBudget` guidance the model "may overflow
 * or underflow". A hard cap cannot bet on the kinder reading, so thoughts are reserved on top of
 * `maxOutputTokens`: the caller's `thinkingBudget` when it set one, else the model's largest
 * budget, else (a model with no documented range) its whole output ceiling. The surplus is
 * released when the call settles on the reported usage.
 */
export function geminiReservedOutputTokens(input: ReservedOutputInput): number {
  const { maxOutputTokens, thinkingBudget } = input;
  const thinking =
    thinkingBudget !== undefined && thinkingBudget >= 0
      ? thinkingBudget
      : (maxThinkingTokensFor(input.model) ?? input.modelMaxOutputTokens ?? maxOutputTokens);
  return maxOutputTokens + thinking;
}
