import { LLMConfigError } from "../errors/provider-errors.js";
import type { ModelPrice } from "./model-price.js";

const RATES = ["inputPerMTok", "outputPerMTok"] as const;
const OPTIONAL_RATES = ["cachedInputPerMTok", "cacheWritePerMTok", "reasoningPerMTok"] as const;
const PRICE_KEYS = new Set<string>([...RATES, ...OPTIONAL_RATES, "maxOutputTokens", "longContext"]);
const LONG_CONTEXT_KEYS = new Set<string>([
  "thresholdTokens",
  ...RATES,
  "cachedInputPerMTok",
  "cacheWritePerMTok",
]);

/** Prices already checked: a table's entries are checked once, on first use, not per call. */
const checked = new WeakSet<object>();

type Problem = readonly [path: string, message: string];

const isRate = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value) && value >= 0;

function problemIn(value: unknown): Problem | undefined {
  if (typeof value !== "object" || value === null) return ["", "must be an object of rates"];
  const price = value as Record<string, unknown>;
  for (const key of Object.keys(price)) {
    if (!PRICE_KEYS.has(key)) return [key, "is not a ModelPrice field"];
  }
  for (const key of RATES) {
    if (!isRate(price[key])) return [key, `must be a finite number ≥ 0; got ${price[key]}`];
  }
  for (const key of OPTIONAL_RATES) {
    if (price[key] !== undefined && !isRate(price[key])) {
      return [key, `must be a finite number ≥ 0; got ${price[key]}`];
    }
  }
  const max = price.maxOutputTokens;
  if (max !== undefined && !(Number.isSafeInteger(max) && (max as number) > 0)) {
    return ["maxOutputTokens", `must be a whole number > 0; got ${max}`];
  }
  if (price.longContext === undefined) return undefined;
  const tier = price.longContext as Record<string, unknown>;
  if (typeof tier !== "object" || tier === null) return ["longContext", "must be an object"];
  for (const key of Object.keys(tier)) {
    if (!LONG_CONTEXT_KEYS.has(key)) return [`longContext.${key}`, "is not a longContext field"];
  }
  const threshold = tier.thresholdTokens;
  if (!(Number.isSafeInteger(threshold) && (threshold as number) >= 0)) {
    return ["longContext.thresholdTokens", `must be a whole number ≥ 0; got ${threshold}`];
  }
  for (const key of [...RATES, "cachedInputPerMTok", "cacheWritePerMTok"] as const) {
    if ((RATES as readonly string[]).includes(key) || tier[key] !== undefined) {
      if (!isRate(tier[key])) {
        return [`longContext.${key}`, `must be a finite number ≥ 0; got ${tier[key]}`];
      }
    }
  }
  return undefined;
}

/**
 * Throws an {@link LLMConfigError} naming `field.<rate>` unless `price` is a valid
 * {@link ModelPrice}: every rate a finite number ≥ 0 (a negative rate would pay the caller back,
 * a NaN one would open the cap). `where` says whose price it is, for the message. Plain checks,
 * no schema library: this runs in adapter constructors, which must stay cheap.
 */
export function checkModelPrice(price: unknown, field: string, where: string): ModelPrice {
  if (typeof price === "object" && price !== null && checked.has(price)) return price as ModelPrice;
  const problem = problemIn(price);
  if (problem) {
    const path = problem[0] ? `${field}.${problem[0]}` : field;
    throw new LLMConfigError(
      `Invalid price \`${path}\` in ${where}: ${problem[1]}. Rates are USD per million tokens.`,
      { field: path },
    );
  }
  checked.add(price as object);
  return price as ModelPrice;
}
