import { Readable } from "node:stream";
import type { CliIo, OutputStream } from "../src/cli-io.js";

/** A stream that records each write separately, posing as a terminal or not. */
export class RecordingStream implements OutputStream {
  readonly writes: string[] = [];
  constructor(readonly isTTY: boolean) {}
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return true;
  }
  get text(): string {
    return this.writes.join("");
  }
}

export function fakeIo(options: { tty: boolean; env: NodeJS.ProcessEnv; stdin?: string }) {
  const stdout = new RecordingStream(options.tty);
  const stderr = new RecordingStream(options.tty);
  const controller = new AbortController();
  const stdin = Object.assign(Readable.from([options.stdin ?? ""]), { isTTY: options.tty });
  const io: CliIo = { stdout, stderr, stdin, env: options.env, signal: controller.signal };
  return { io, stdout, stderr, controller };
}
