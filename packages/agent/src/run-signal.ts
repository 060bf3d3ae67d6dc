import { LLMAbortError, LLMTimeoutError } from "@llmc/core";

/**
 * One signal for the whole run: fired by the caller's signal or by the run's deadline,
 * remembering which, so the result can say "aborted" or "timeout". Every model call and every
 * tool (`ctx.signal`) of the run gets `signal`.
 */
export class RunSignal {
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #caller: AbortSignal | undefined;
  readonly #timeoutMs: number | undefined;
  readonly #onCallerAbort = () => this.#fire("aborted");
  #reason: "aborted" | "timeout" | undefined;

  constructor(caller: AbortSignal | undefined, timeoutMs: number | undefined) {
    this.#caller = caller;
    this.#timeoutMs = timeoutMs;
    if (caller?.aborted) this.#fire("aborted");
    else caller?.addEventListener("abort", this.#onCallerAbort, { once: true });
    if (timeoutMs !== undefined && !this.#reason) {
      this.#timer = setTimeout(() => this.#fire("timeout"), timeoutMs);
    }
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /**
   * Whether anything can stop the run (a caller's signal or a deadline). When nothing can, the
   * model calls are sent without a signal: core then skips its per-call abort wiring (see
   * `ProviderRequest.cancellable`), which is most of a loop step's overhead on a fast adapter.
   */
  get cancellable(): boolean {
    return this.#caller !== undefined || this.#timeoutMs !== undefined;
  }

  /** Why the run was stopped, once it was. */
  get reason(): "aborted" | "timeout" | undefined {
    return this.#reason;
  }

  /** Rejects when the run is stopped; `work` is left to finish (or not) on its own. */
  race<T>(work: Promise<T>): Promise<T> {
    // Nothing can stop the run: no listener to add and remove for each tool call.
    if (!this.cancellable) return work;
    if (this.#reason) {
      work.catch(() => {});
      return Promise.reject(this.signal.reason);
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.signal.reason);
      this.signal.addEventListener("abort", onAbort, { once: true });
      work.then(
        (value) => {
          this.signal.removeEventListener("abort", onAbort);
          resolve(value);
        },
        (error: unknown) => {
          this.signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      );
    });
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#caller?.removeEventListener("abort", this.#onCallerAbort);
  }

  #fire(reason: "aborted" | "timeout"): void {
    if (this.#reason) return;
    this.#reason = reason;
    // The reason a tool sees on `ctx.signal.reason`: a typed error saying what stopped the run.
    this.#controller.abort(
      reason === "timeout"
        ? new LLMTimeoutError(`The agent run did not finish within ${this.#timeoutMs} ms`, {
            timeoutMs: this.#timeoutMs,
          })
        : new LLMAbortError("The agent run was aborted by its caller"),
    );
  }
}
