import type { Usage } from "../adapter/usage.js";
import type { Nanos } from "../budget/money.js";
import type { ModelPrice } from "./model-price.js";

/** A price per million tokens is this many nano-dollars per token. */
const NANOS_PER_TOKEN_PER_MTOK = 1_000;

interface Rates {
  readonly input: number;
  readonly output: number;
  readonly cachedInput: number;
  readonly cacheWrite: number;
  readonly reasoning: number;
}

function ratesFor(price: ModelPrice, inputTokens: number): Rates {
  const tier =
    price.longContext && inputTokens > price.longContext.thresholdTokens
      ? price.longContext
      : undefined;
  const input = tier?.inputPerMTok ?? price.inputPerMTok;
  const output = tier?.outputPerMTok ?? price.outputPerMTok;
  return {
    input,
    output,
    cachedInput: tier?.cachedInputPerMTok ?? price.cachedInputPerMTok ?? input,
    cacheWrite: tier?.cacheWritePerMTok ?? price.cacheWritePerMTok ?? input,
    // A long-context tier raises reasoning with output unless a reasoning rate is given.
    reasoning: tier ? output : (price.reasoningPerMTok ?? output),
  };
}

/** A provider's token count as a count: negative or non-numbers read as 0. */
function tokens(count: number | undefined): number {
  return typeof count === "number" && count > 0 ? count : 0;
}

/**
 * The cost of a finished call from its usage, in nano-dollars (rounded to the nearest). Never
 * negative: rates are checked to be ≥ 0 and a provider's odd negative counts read as 0.
 */
export function costOfUsage(usage: Usage, price: ModelPrice): Nanos {
  const inputTokens = tokens(usage.inputTokens);
  const rates = ratesFor(price, inputTokens);
  const cached = tokens(usage.cachedInputTokens);
  const cacheWrite = tokens(usage.cacheWriteTokens);
  const reasoning = tokens(usage.reasoningTokens);
  const uncachedInput = Math.max(0, inputTokens - cached - cacheWrite);
  const visibleOutput = Math.max(0, tokens(usage.outputTokens) - reasoning);
  const perMTokTimesTokens =
    uncachedInput * rates.input +
    cached * rates.cachedInput +
    cacheWrite * rates.cacheWrite +
    visibleOutput * rates.output +
    reasoning * rates.reasoning;
  return Math.max(0, Math.round(perMTokTimesTokens * NANOS_PER_TOKEN_PER_MTOK));
}

/**
 * The most a call can cost: every input token at the dearest input rate that can apply (a cache
 * write can cost more than plain input), every output token at the dearer of the output and
 * reasoning rates. Rounded up.
 */
export function worstCaseCost(
  inputTokens: number,
  maxOutputTokens: number,
  price: ModelPrice,
): Nanos {
  const rates = ratesFor(price, inputTokens);
  const inputRate = Math.max(rates.input, rates.cachedInput, rates.cacheWrite);
  const outputRate = Math.max(rates.output, rates.reasoning);
  return Math.ceil(
    (inputTokens * inputRate + maxOutputTokens * outputRate) * NANOS_PER_TOKEN_PER_MTOK,
  );
}
