import type { ProviderToolCall } from "@llmc/core";
import type { ToolCallDelta } from "./read-chat-completions-tool-calls.js";

interface Pending {
  id: string | undefined;
  name: string | undefined;
  arguments: string;
}

/**
 * Joins streamed `delta.tool_calls` fragments into whole calls, by `index` (OpenAI sends the
 * id and name with a call's first fragment, then pieces of its arguments; parallel calls
 * follow one another). A call is complete when a later index starts or the stream finishes.
 */
export class ToolCallAssembler {
  readonly #calls = new Map<number, Pending>();
  #open: number | undefined;

  /** Adds fragments; returns the calls this chunk completed (an earlier index superseded). */
  add(deltas: readonly ToolCallDelta[]): Pending[] {
    const done: Pending[] = [];
    for (const delta of deltas) {
      if (this.#open !== undefined && delta.index !== this.#open) {
        const previous = this.#calls.get(this.#open);
        if (previous !== undefined && delta.index > this.#open) {
          done.push(previous);
          this.#calls.delete(this.#open);
        }
      }
      this.#open = delta.index;
      let call = this.#calls.get(delta.index);
      if (call === undefined) {
        call = { id: undefined, name: undefined, arguments: "" };
        this.#calls.set(delta.index, call);
      }
      if (delta.id) call.id ??= delta.id;
      if (delta.name) call.name ??= delta.name;
      if (delta.arguments) call.arguments += delta.arguments;
    }
    return done;
  }

  /** The calls still open, in index order; the stream is over. */
  finish(): Pending[] {
    const rest = [...this.#calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
    this.#calls.clear();
    this.#open = undefined;
    return rest;
  }
}

/** A finished call, or the reason it cannot be one (no id or no name arrived). */
export function completeToolCall(call: Pending): ProviderToolCall | string {
  if (call.name === undefined || call.name === "")
    return "a streamed tool call has no function name";
  if (call.id === undefined) return `the streamed tool call to "${call.name}" has no id`;
  return { id: call.id, name: call.name, arguments: call.arguments };
}
