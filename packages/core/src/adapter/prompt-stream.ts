import type { LLMInvalidResponseError } from "../errors/provider-errors.js";
import { parsePartialJson } from "../structured/parse-partial-json.js";
import type { ToolCall } from "../tools/tool.js";
import type { LLMResult } from "./llm-result.js";

/** What a stream carries, in order: text, each tool call once it is complete and valid, repairs. */
export type PromptStreamPart<TToolCall extends ToolCall = ToolCall> =
  | { readonly type: "text-delta"; readonly text: string }
  | { readonly type: "tool-call"; readonly toolCall: TToolCall }
  /**
   * The answer so far was invalid and `repair` asked the model again: text after this part
   * belongs to the new answer (the partial object starts over).
   */
  | { readonly type: "repair"; readonly error: LLMInvalidResponseError };

/** An object while it streams: any field may still be missing, strings may be cut short. */
export type PartialObject<T> = T extends readonly (infer U)[]
  ? PartialObject<U>[]
  : T extends object
    ? { [K in keyof T]?: PartialObject<T[K]> }
    : T;

/**
 * A streaming call: iterate it for text deltas, await `result` for the final {@link LLMResult}.
 * Leaving a loop early (`break`) cancels the request. The budget settles when the stream
 * ends, fails or is cancelled; `result` rejects with the same error the loop throws.
 *
 * With tools, `partStream` also yields each tool call once it is complete and validated; with a
 * `schema`, `partialObjectStream` yields the object as it parses and `object` (like
 * `result.object`) the final validated one. Each of the three iterables can be iterated once;
 * they may be read side by side (everything is buffered until the stream is dropped).
 */
export interface PromptStream<TObject = unknown, TToolCall extends ToolCall = ToolCall>
  extends AsyncIterable<string> {
  readonly result: Promise<LLMResult<TObject, TToolCall>>;
  /** The same deltas as iterating the stream itself. */
  readonly textStream: AsyncIterable<string>;
  /** Text deltas, complete tool calls and repair markers, in arrival order. */
  readonly partStream: AsyncIterable<PromptStreamPart<TToolCall>>;
  /** With a `schema`: the answer parsed so far, each time it changes (not yet validated). */
  readonly partialObjectStream: AsyncIterable<PartialObject<TObject>>;
  /** The validated object (`result.object`). */
  readonly object: Promise<TObject>;
  /** Stops the call; loops end and `result` rejects with an `LLMAbortError`. */
  cancel(): void;
}

const SKIP: unique symbol = Symbol("skip");

/**
 * The buffer between a running call and its consumers. Parts are buffered, so a consumer that
 * reads slowly (or only awaits `result`) loses nothing.
 */
export class PromptStreamChannel<TObject = unknown, TToolCall extends ToolCall = ToolCall>
  implements PromptStream<TObject, TToolCall>
{
  readonly result: Promise<LLMResult<TObject, TToolCall>>;
  readonly #parts: PromptStreamPart<TToolCall>[] = [];
  #waiters: (() => void)[] = [];
  #ended = false;
  #error: unknown;
  readonly #iterated = new Set<string>();
  readonly #onCancel: () => void;

  constructor(
    run: (
      channel: PromptStreamChannel<TObject, TToolCall>,
    ) => Promise<LLMResult<TObject, TToolCall>>,
    onCancel: () => void,
  ) {
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

  get partStream(): AsyncIterable<PromptStreamPart<TToolCall>> {
    return { [Symbol.asyncIterator]: () => this.#iterate("partStream", (part) => part) };
  }

  get partialObjectStream(): AsyncIterable<PartialObject<TObject>> {
    let text = "";
    let last: string | undefined;
    return {
      [Symbol.asyncIterator]: () =>
        this.#iterate("partialObjectStream", (part) => {
          if (part.type === "repair") {
            text = "";
            last = undefined;
            return SKIP;
          }
          if (part.type !== "text-delta") return SKIP;
          text += part.text;
          const partial = parsePartialJson(text);
          if (partial === undefined) return SKIP;
          const key = JSON.stringify(partial);
          if (key === last) return SKIP;
          last = key;
          return partial as PartialObject<TObject>;
        }),
    };
  }

  #object: Promise<TObject> | undefined;

  /** Made on first access; like `result`, an unread rejection of it is not unhandled. */
  get object(): Promise<TObject> {
    if (this.#object === undefined) {
      this.#object = this.result.then((result) => result.object);
      this.#object.catch(() => {});
    }
    return this.#object;
  }

  push(text: string): void {
    this.#add({ type: "text-delta", text });
  }

  pushPart(part: PromptStreamPart<TToolCall>): void {
    this.#add(part);
  }

  cancel(): void {
    if (!this.#ended) this.#onCancel();
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    return this.#iterate("textStream", (part) => (part.type === "text-delta" ? part.text : SKIP));
  }

  #iterate<T>(
    name: string,
    map: (part: PromptStreamPart<TToolCall>) => T | typeof SKIP,
  ): AsyncIterator<T> {
    if (this.#iterated.has(name)) {
      throw new Error(`A PromptStream's ${name} can be iterated only once`);
    }
    this.#iterated.add(name);
    let cursor = 0;
    return {
      next: async () => {
        for (;;) {
          while (cursor < this.#parts.length) {
            const value = map(this.#parts[cursor++]!);
            if (value !== SKIP) return { value, done: false };
          }
          if (this.#ended) {
            if (this.#error !== undefined) throw this.#error;
            return { value: undefined, done: true };
          }
          await new Promise<void>((resolve) => this.#waiters.push(resolve));
        }
      },
      return: async () => {
        this.cancel();
        return { value: undefined, done: true };
      },
    };
  }

  #add(part: PromptStreamPart<TToolCall>): void {
    this.#parts.push(part);
    this.#notify();
  }

  #finish(error: unknown): void {
    this.#ended = true;
    this.#error = error;
    this.#notify();
  }

  #notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
