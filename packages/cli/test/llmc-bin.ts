import { type ChildProcessByStdio, spawn } from "node:child_process";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";
import type { Simulator } from "@llmc/testing";

/** The built bin, run exactly as `llmc` would be. */
export const LLMC_BIN = join(import.meta.dirname, "../dist/bin.js");

export interface LlmcRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface LlmcOptions {
  /** Added to a clean environment: PATH, HOME and LLMC_TEST_RUN_ID only, no provider keys. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Written to stdin, then stdin is closed (closed empty when not given). */
  readonly stdin?: string;
  /** Path of the bin to run (a copy installed elsewhere). */
  readonly bin?: string;
}

/**
 * The environment of a spawned llmc: no inherited provider keys or base URLs (a developer's
 * own OPENAI_API_KEY must not leak into a test), but PATH, HOME, and the suite's run id so the
 * leftover-process check sees the child.
 */
export function cleanEnv(extra: LlmcOptions["env"] = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ["PATH", "HOME", "TMPDIR", "LLMC_TEST_RUN_ID", "SYSTEMROOT"]) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export interface LlmcProcess {
  readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  stdout(): string;
  stderr(): string;
  /** Resolves when it exits; kills it with SIGKILL after `limitMs` so nothing outlives a test. */
  exited(limitMs?: number): Promise<LlmcRun>;
  /** SIGKILL if still running, and wait for the exit. Safe to call twice. */
  kill(): Promise<void>;
}

export function startLlmc(args: readonly string[], options: LlmcOptions = {}): LlmcProcess {
  const child = spawn(process.execPath, [options.bin ?? LLMC_BIN, ...args], {
    env: cleanEnv(options.env),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.on("error", () => {}); // the bin may exit before reading stdin
  child.stdin.end(options.stdin ?? "");
  const closed = new Promise<number | null>((resolve) => {
    child.once("close", (code, signal) => resolve(code ?? (signal ? -1 : null)));
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    async exited(limitMs = 45_000) {
      const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
      const code = await closed;
      clearTimeout(timer);
      return { code, stdout, stderr };
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await closed;
    },
  };
}

/** Runs llmc to its end. */
export function runLlmc(args: readonly string[], options: LlmcOptions = {}): Promise<LlmcRun> {
  return startLlmc(args, options).exited();
}

/** Keys and endpoints of every provider, pointed at the simulator. */
export function simulatorEnv(sim: Simulator): Record<string, string> {
  return {
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: sim.openai.baseURL,
    OPENROUTER_API_KEY: "sk-test",
    OPENROUTER_BASE_URL: sim.openrouter.baseURL,
    GEMINI_API_KEY: "sk-test",
    GOOGLE_GEMINI_BASE_URL: sim.gemini.baseUrl,
  };
}

/** Waits until `check` holds, polling; a safety net for a live process, not a measurement. */
export async function eventually(
  check: () => boolean,
  what: string,
  limitMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: asserting the absence of ANSI escapes.
export const ANSI_ESCAPE = /\x1b\[/;
