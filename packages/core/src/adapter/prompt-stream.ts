import type { LLMResult } from "./llm-result.js";

/**
 * A streaming call: iterate it for text deltas, await `result` for the final {@link LLMResult}.
 * Leaving the loop early (`break`) cancels the request. The budget settles when the stream
 * ends, fails or is cancelled; `result` rejects with the same error the loop throws.
 */
export interface PromptStream extends AsyncIterable<string> {
  readonly result: Promise<LLMResult>;
  /** The same deltas as iterating the stream itself. */
  readonly textStream: AsyncIterable<string>;
  /** Stops the call; the loop ends and `result` rejects with an `LLMAbortError`. */
  cancel(): void;
}

/**
 * The buffer between a running call and its consumer. Deltas are buffered, so a consumer that
 * reads slowly (or only awaits `result`) loses nothing.
 */
export class PromptStreamChannel implements PromptStream {
  readonly result: Promise<LLMResult>;
  readonly #buffer: string[] = [];
  #wake: (() => void) | undefined;
  #ended = false;
  #error: unknown;
  #iterating = false;
  readonly #onCancel: () => void;

  constructor(run: (channel: PromptStreamChannel) => Promise<LLMResult>, onCancel: () => void) {
    this.#onCancel = onCancel;
    this.result = run(this).then(
      (result) => {
        this.#finish(undefined);
        return result;
      },
      (error: unknown) => {
        this.#finish(error);
        throw error;
      },
    );
    // The error also reaches the consumer through iteration; an unread `result` must not
    // crash the process with an unhandled rejection.
    this.result.catch(() => {});
  }

  get textStream(): AsyncIterable<string> {
    return this;
  }

  push(text: string): void {
    this.#buffer.push(text);
    this.#notify();
  }

  cancel(): void {
    if (!this.#ended) this.#onCancel();
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    if (this.#iterating) throw new Error("A PromptStream can be iterated only once");
    this.#iterating = true;
    return {
      next: async () => {
        while (this.#buffer.length === 0 && !this.#ended) {
          await new Promise<void>((resolve) => {
            this.#wake = resolve;
          });
        }
        if (this.#buffer.length > 0) return { value: this.#buffer.shift()!, done: false };
        if (this.#error !== undefined) throw this.#error;
        return { value: undefined, done: true };
      },
      return: async () => {
        this.cancel();
        return { value: undefined, done: true };
      },
    };
  }

  #finish(error: unknown): void {
    this.#ended = true;
    this.#error = error;
    this.#notify();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
