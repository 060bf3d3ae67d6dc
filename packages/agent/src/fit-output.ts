import { type LLMBudgetExceededError, type ModelPrice, usdToNanos } from "@llmc/core";

/**
 * The output cap a refused model call could still be sent with: the largest one below
 * `current` whose worst case fits the free money of the budget that refused it, or `undefined`
 * when that is below `floor` (or cannot be known: no price, output that costs nothing).
 *
 * The refusal says what the call needed and what the budget had free; a call's worst case grows
 * by the dearest output rate per output token (core's reservation), so dropping
 * `ceil(excess / rate)` tokens, plus one for rounding, makes it fit. An adapter whose worst case
 * has more parts (Gemini's thinking budget) or another budget up the chain with less room may
 * refuse the lowered call too: the caller asks again with the new refusal, a few times.
 */
export function fittedOutputTokens(
  refusal: LLMBudgetExceededError,
  current: number,
  price: ModelPrice | undefined,
  floor: number,
): number | undefined {
  if (!price) return undefined;
  // The rate core's worst case uses below any long-context tier. A tier's dearer rate saves
  // more per dropped token, so the lowered call fits there too (with a little to spare).
  const perMTok = Math.max(price.outputPerMTok, price.reasoningPerMTok ?? price.outputPerMTok);
  // USD per million tokens → nano-dollars per token.
  const nanosPerToken = perMTok * 1_000;
  if (!(nanosPerToken > 0)) return undefined;
  const free = usdToNanos(refusal.limit) - usdToNanos(refusal.spent) - usdToNanos(refusal.reserved);
  const excess = usdToNanos(refusal.requested) - Math.max(0, free);
  const lowered = current - Math.max(1, Math.ceil(excess / nanosPerToken) + 1);
  return lowered >= floor ? lowered : undefined;
}
