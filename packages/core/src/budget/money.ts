import { LLMConfigError } from "../errors/provider-errors.js";

/**
 * Money is held as integer nano-dollars (1e-9 USD). The cheapest token on any price table
 * (e.g. $0.01 per million tokens) is 10 nano-dollars, so every charge is an exact integer and
 * sums never drift the way float dollars do. `Number.MAX_SAFE_INTEGER` nano-dollars (about
 * $9.007 million) is the most the unit holds exactly: every amount that enters a store is
 * checked against it, because past it integers round and a cap could fail open.
 */
export type Nanos = number;

export const NANOS_PER_USD = 1_000_000_000;

/** The largest amount a budget can hold exactly: `Number.MAX_SAFE_INTEGER` nano-dollars. */
export const MAX_NANOS: Nanos = Number.MAX_SAFE_INTEGER;

/** {@link MAX_NANOS} in USD (≈ $9,007,199.25). */
export const MAX_USD = MAX_NANOS / NANOS_PER_USD;

/** Converts dollars to nano-dollars, rounding to the nearest nano-dollar. */
export function usdToNanos(usd: number): Nanos {
  if (!Number.isFinite(usd)) throw new RangeError(`Expected a finite USD amount, got ${usd}`);
  return Math.round(usd * NANOS_PER_USD);
}

/** Converts dollars to nano-dollars, rounding up: for worst-case reservations. */
export function usdToNanosCeil(usd: number): Nanos {
  if (!Number.isFinite(usd)) throw new RangeError(`Expected a finite USD amount, got ${usd}`);
  // Subtract a hair of float noise first, so 0.1 + 0.2 does not round up to an extra nano.
  return Math.ceil(usd * NANOS_PER_USD - 1e-6);
}

export function nanosToUsd(nanos: Nanos): number {
  return nanos / NANOS_PER_USD;
}

/** Whether `nanos` is a whole number of nano-dollars the unit holds exactly (sign allowed). */
export function isExactNanos(nanos: unknown): nanos is Nanos {
  return typeof nanos === "number" && Number.isSafeInteger(nanos);
}

/**
 * A USD amount a user handed in (a total, a top-up), as nano-dollars; a non-number, NaN, an
 * infinity or an amount beyond ±{@link MAX_USD} is an {@link LLMConfigError} naming `field`.
 */
export function usdAmountToNanos(
  usd: unknown,
  field: string,
  options: { readonly nonNegative?: boolean } = {},
): Nanos {
  if (typeof usd !== "number" || !Number.isFinite(usd) || Math.abs(usd) > MAX_USD) {
    throw new LLMConfigError(
      `\`${field}\` must be a finite USD amount within ±$${MAX_USD.toFixed(2)} (the most a ` +
        `budget holds exactly in nano-dollars); got ${String(usd)}`,
      { field },
    );
  }
  const nanos = usdToNanos(usd);
  if (options.nonNegative && nanos < 0) {
    throw new LLMConfigError(`\`${field}\` cannot be negative; got ${usd}`, { field });
  }
  return nanos;
}

/**
 * Checks an amount already in nano-dollars (a reservation, a charge): a whole number within the
 * exact range, and not negative. Anything else is an {@link LLMConfigError} naming `field`.
 */
export function checkNanosAmount(nanos: unknown, field: string): Nanos {
  if (!isExactNanos(nanos) || nanos < 0) {
    throw new LLMConfigError(
      `\`${field}\` must be a whole, non-negative number of nano-dollars up to ` +
        `Number.MAX_SAFE_INTEGER; got ${String(nanos)}`,
      { field },
    );
  }
  return nanos;
}
