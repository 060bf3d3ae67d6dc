/** A stream the CLI writes to; `isTTY` decides streaming, colour and live redraws. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/** Everything the CLI touches of its process, so tests can run it in-process too. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Read when the prompt is not given as an argument. */
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean | undefined };
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C: a call in flight is cancelled, `--watch` stops. */
  readonly signal: AbortSignal;
}
