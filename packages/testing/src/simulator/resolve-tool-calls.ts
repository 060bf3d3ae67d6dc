import type { SimulatorToolCall } from "./types.js";

/** A scripted tool call with its arguments as the exact string put on the wire. */
export interface ResolvedToolCall {
  /** The scripted id; `undefined` means the protocol derives one from the request number. */
  readonly id: string | undefined;
  readonly name: string;
  readonly arguments: string;
  /** Stream fragments; joined they equal `arguments`. */
  readonly argumentChunks: readonly string[];
  /** Gemini: the part's thought signature, when scripted. */
  readonly thoughtSignature: string | undefined;
}

/** Streamed argument fragments are at most this long by default (OpenAI sends a few tokens). */
const ARGUMENT_CHUNK_CHARS = 8;

function splitArguments(text: string): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += ARGUMENT_CHUNK_CHARS) {
    pieces.push(text.slice(start, start + ARGUMENT_CHUNK_CHARS));
  }
  return pieces;
}

export function resolveToolCalls(calls: readonly SimulatorToolCall[]): ResolvedToolCall[] {
  return calls.map((call) => {
    const args =
      typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments ?? {});
    return {
      id: call.id,
      name: call.name,
      arguments: args,
      argumentChunks: call.argumentChunks ?? splitArguments(args),
      thoughtSignature: call.thoughtSignature,
    };
  });
}

/** `call_sim<8-digit request number><index>`: deterministic, unique within a simulator. */
export function toolCallId(call: ResolvedToolCall, sequence: number, index: number): string {
  return call.id ?? `call_sim${sequence.toString().padStart(8, "0")}${index}`;
}
