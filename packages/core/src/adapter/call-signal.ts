/**
 * One call's cancellation: the caller's signal, the call's deadline and (for streams) the
 * consumer walking away, merged into one `AbortSignal` for the provider. It remembers *which*
 * fired, so the caller gets a timeout error for a timeout and an abort error for an abort,
 * whatever the SDK threw.
 */
export type CancelReason = "timeout" | "aborted" | "consumer-cancelled";

/** One attempt's signal; see {@link CallSignal.forAttempt}. */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  dispose(): void;
}

export class CallSignal {
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout | undefined;
  readonly #userSignal: AbortSignal | undefined;
  readonly #onUserAbort = () => this.cancel("aborted");
  #reason: CancelReason | undefined;
  readonly timeoutMs: number | undefined;
  /** Whether anything can fire the signal: a caller's signal, a deadline or a stream consumer. */
  readonly cancellable: boolean;

  constructor(
    userSignal: AbortSignal | undefined,
    timeoutMs: number | undefined,
    consumerCanCancel = false,
  ) {
    this.#userSignal = userSignal;
    this.timeoutMs = timeoutMs;
    this.cancellable = userSignal !== undefined || timeoutMs !== undefined || consumerCanCancel;
    if (userSignal?.aborted) {
      this.cancel("aborted");
    } else {
      userSignal?.addEventListener("abort", this.#onUserAbort, { once: true });
    }
    if (timeoutMs !== undefined && !this.#reason) {
      this.#timer = setTimeout(() => this.cancel("timeout"), timeoutMs);
      // A pending deadline must not keep a finished program alive.
      this.#timer.unref?.();
    }
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Why the call was cancelled, or undefined while it is not. */
  get reason(): CancelReason | undefined {
    return this.#reason;
  }

  cancel(reason: CancelReason): void {
    if (this.#reason) return;
    this.#reason = reason;
    this.#controller.abort(new Error(`call ${reason}`));
  }

  /**
   * A fresh signal for one attempt, aborted when the call is. Providers' SDKs add an abort
   * listener to the signal of every request and do not always remove it; giving each attempt
   * its own keeps those listeners from piling up on one signal over retries (Node warns with
   * MaxListenersExceededWarning past 10). `dispose()` it when the attempt ends.
   */
  forAttempt(): AttemptSignal {
    const controller = new AbortController();
    const callSignal = this.#controller.signal;
    if (callSignal.aborted) {
      controller.abort(callSignal.reason);
      return { signal: controller.signal, dispose: () => {} };
    }
    const onAbort = () => controller.abort(callSignal.reason);
    callSignal.addEventListener("abort", onAbort, { once: true });
    return {
      signal: controller.signal,
      dispose: () => callSignal.removeEventListener("abort", onAbort),
    };
  }

  /** Stops the deadline timer and detaches from the caller's signal. */
  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#userSignal?.removeEventListener("abort", this.#onUserAbort);
  }
}
