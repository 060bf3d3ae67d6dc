/** What a {@link SharedDeadlines} promise rejects with; callers turn it into their own error. */
export const TIMED_OUT: unique symbol = Symbol("llmc-budget-redis-timed-out");

/**
 * Timeouts for many concurrent calls with few timers: every call that starts within the same
 * short slice of time shares one timer, set to fire `timeoutMs + slice` after the slice began.
 * So each call times out after at least `timeoutMs` and at most `timeoutMs + slice` (the slice
 * is a twentieth of the timeout, at most 50 ms), at one timer per slice instead of one per call.
 */
export class SharedDeadlines {
  readonly timeoutMs: number;
  readonly sliceMs: number;
  #sliceStart = Number.NEGATIVE_INFINITY;
  #expired: Promise<never> | undefined;

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
    this.sliceMs = Math.max(1, Math.min(50, Math.floor(timeoutMs / 20)));
  }

  /** A promise that rejects with {@link TIMED_OUT} no sooner than `timeoutMs` from now. */
  next(): Promise<never> {
    const now = performance.now();
    if (this.#expired === undefined || now - this.#sliceStart >= this.sliceMs) {
      this.#sliceStart = now;
      this.#expired = new Promise<never>((_, reject) => {
        // Unref'd: a timer alone must not keep a finished process alive. A call that is still
        // waiting has a socket or a reconnect timer of the client keeping the process up.
        setTimeout(() => reject(TIMED_OUT), this.timeoutMs + this.sliceMs).unref();
      });
      // Handled here too, so a slice whose calls all finished in time rejects quietly.
      this.#expired.catch(() => {});
    }
    return this.#expired;
  }
}
