/** A stream the CLI writes to; `isTTY` decides streaming, colour and live redraws. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/**
 * Environment variables. A plain record, not NodeJS.ProcessEnv, so the published types need no
 * @types/node.
 */
export type Env = Readonly<Record<string, string | undefined>>;

/** What the CLI reads stdin through. */
export interface InputStream extends AsyncIterable<string | Uint8Array> {
  readonly isTTY?: boolean | undefined;
}

/** Everything the CLI touches of its process, so tests can run it in-process too. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Read when the prompt is not given as an argument. */
  readonly stdin: InputStream;
  readonly env: Env;
  /** Aborted on Ctrl-C: a call in flight is cancelled, `--watch` stops. */
  readonly signal: AbortSignal;
}
