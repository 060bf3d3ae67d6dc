/** The names SDKs and fetch give the error they throw when a request's signal aborts. */
const ABORT_ERROR_NAMES = new Set(["AbortError", "APIUserAbortError"]);

/**
 * Whether `error` is what an SDK or fetch throws when the request was aborted: an `AbortError`
 * (fetch, undici, most SDKs), the openai SDK's `APIUserAbortError`, or the signal's own reason.
 * An adapter maps these to `LLMAbortError`; core then tells the caller whether it was a
 * timeout, the caller's signal or a stream consumer that left.
 */
export function isAbortError(error: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted && error === signal.reason) return true;
  const name = (error as { name?: unknown } | null | undefined)?.name;
  return typeof name === "string" && ABORT_ERROR_NAMES.has(name);
}
