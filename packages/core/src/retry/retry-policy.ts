/** How core retries retryable failures. Adapters never retry on their own. */
export interface RetryPolicy {
  /** First back-off, before jitter (default 500 ms). */
  readonly initialDelayMs: number;
  /** Ceiling of the exponential back-off (default 8 s). */
  readonly maxDelayMs: number;
  /**
   * The longest server-requested wait (`retry-after`, Gemini `RetryInfo`) that is honoured
   * (default 60 s). A longer request is not retried: the error reaches the caller with its
   * `retryAfterMs`, so a scheduler can come back later instead of holding a slot.
   */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

export const DEFAULT_MAX_RETRIES = 2;

/**
 * The wait before retry number `retry` (1 for the first retry), or `undefined` when the server
 * asked for longer than the policy allows. Back-off is exponential with up to 25% jitter
 * subtracted, so many clients that failed together do not retry together.
 */
export function retryDelayMs(
  retry: number,
  serverRetryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (serverRetryAfterMs !== undefined) {
    return serverRetryAfterMs <= policy.maxRetryAfterMs
      ? Math.max(0, serverRetryAfterMs)
      : undefined;
  }
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (retry - 1));
  return Math.round(exponential * (1 - 0.25 * random()));
}

/**
 * Reads `retry-after-ms` (milliseconds) or `retry-after` (seconds or an HTTP date), the two
 * headers OpenAI, Anthropic and OpenRouter send. Returns `undefined` when neither is usable.
 */
export function parseRetryAfterHeaders(
  get: (name: string) => string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const ms = get("retry-after-ms");
  if (ms !== null && ms !== undefined && ms.trim() !== "") {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = get("retry-after");
  if (after === null || after === undefined || after.trim() === "") return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
