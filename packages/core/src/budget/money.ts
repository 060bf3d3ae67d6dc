/**
 * Money is held as integer nano-dollars (1e-9 USD). The cheapest token on any price table
 * (e.g. $0.01 per million tokens) is 10 nano-dollars, so every charge is an exact integer and
 * sums never drift the way float dollars do. `Number.MAX_SAFE_INTEGER` nano-dollars is about
 * $9 million, far above any budget this library is meant to hold.
 */
export type Nanos = number;

export const NANOS_PER_USD = 1_000_000_000;

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
