import { LLMConfigError } from "../errors/provider-errors.js";
import { checkModelPrice } from "../pricing/check-price.js";
import { didYouMean } from "./did-you-mean.js";
import { MAX_TIMER_MS } from "./limits.js";

/** The options core reads for every adapter (see `AdapterOptions`). */
export const CORE_OPTION_NAMES: readonly string[] = Object.freeze([
  "prices",
  "maxRetries",
  "timeoutMs",
  "retryPolicy",
  "maxConcurrency",
]);

const RETRY_POLICY_KEYS = new Set(["initialDelayMs", "maxDelayMs", "maxRetryAfterMs"]);

const isInt = (value: unknown): value is number => Number.isSafeInteger(value);

/** The first problem with core's own adapter options, as `[option path, what it must be]`. */
function problemIn(options: Record<string, unknown>): readonly [string, string] | undefined {
  const { timeoutMs, maxRetries, maxConcurrency, retryPolicy, prices } = options;
  if (
    timeoutMs !== undefined &&
    !(isInt(timeoutMs) && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)
  ) {
    return [
      "timeoutMs",
      `must be a whole number of ms from 1 to ${MAX_TIMER_MS} (24.8 days, the longest timer); ` +
        `got ${String(timeoutMs)}. Leave it out for no deadline`,
    ];
  }
  if (maxRetries !== undefined && !(isInt(maxRetries) && maxRetries >= 0 && maxRetries <= 10)) {
    return ["maxRetries", `must be a whole number from 0 to 10; got ${String(maxRetries)}`];
  }
  if (
    maxConcurrency !== undefined &&
    maxConcurrency !== Number.POSITIVE_INFINITY &&
    !(isInt(maxConcurrency) && maxConcurrency >= 1)
  ) {
    return [
      "maxConcurrency",
      `must be a whole number ≥ 1, or Infinity for no limit; got ${String(maxConcurrency)}`,
    ];
  }
  if (retryPolicy !== undefined) {
    if (typeof retryPolicy !== "object" || retryPolicy === null) {
      return ["retryPolicy", "must be an object"];
    }
    for (const [key, value] of Object.entries(retryPolicy)) {
      if (!RETRY_POLICY_KEYS.has(key)) {
        return [
          `retryPolicy.${key}`,
          "is not a retry policy field (initialDelayMs, maxDelayMs, maxRetryAfterMs)",
        ];
      }
      const ok =
        value === undefined ||
        (typeof value === "number" &&
          Number.isFinite(value) &&
          value >= 0 &&
          value <= MAX_TIMER_MS);
      if (!ok) {
        return [
          `retryPolicy.${key}`,
          `must be a number of ms from 0 to ${MAX_TIMER_MS}; got ${String(value)}`,
        ];
      }
    }
  }
  if (prices !== undefined && (typeof prices !== "object" || prices === null)) {
    return ["prices", "must be an object of ModelPrice by model name"];
  }
  return undefined;
}

/**
 * Checks core's own adapter options — once, in the `LLMAdapter` constructor, so every adapter
 * gets the same rules (each adapter checks only its own extras). `timeoutMs: 0` would time out
 * every call, `maxRetries: Infinity` would retry for ever, a negative price would pay the
 * caller back: each is an {@link LLMConfigError} naming the option and the adapter class.
 * Plain checks, no schema library, so building an adapter stays cheap.
 */
export function checkAdapterOptions(
  options: unknown,
  adapterName: string,
  ownOptionNames?: readonly string[],
): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null) {
    throw new LLMConfigError(`${adapterName} options must be an object`, { field: "options" });
  }
  if (ownOptionNames) checkOptionNames(options, adapterName, ownOptionNames);
  const problem = problemIn(options as Record<string, unknown>);
  if (problem) {
    throw new LLMConfigError(`Invalid ${adapterName} option \`${problem[0]}\`: ${problem[1]}.`, {
      field: problem[0],
    });
  }
  const prices = (options as { prices?: Record<string, unknown> }).prices ?? {};
  for (const model of Object.keys(prices)) {
    checkModelPrice(prices[model], `prices.${model}`, `the ${adapterName} \`prices\` option`);
  }
}

/**
 * Refuses an option neither core nor the adapter reads (`static optionNames`), with the name it
 * most likely meant: a misspelt option would otherwise be ignored in silence — a `baseUrl`
 * where `baseURL` is read sends the calls (and the key) to the default endpoint.
 */
function checkOptionNames(options: object, adapterName: string, own: readonly string[]): void {
  const known = [...own, ...CORE_OPTION_NAMES];
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const meant = didYouMean(key, known);
    const hint = meant
      ? ` Did you mean \`${meant}\`?`
      : ` ${adapterName} takes: ${known.map((name) => `\`${name}\``).join(", ")}.`;
    throw new LLMConfigError(`Unknown ${adapterName} option \`${key}\`.${hint}`, { field: key });
  }
}
