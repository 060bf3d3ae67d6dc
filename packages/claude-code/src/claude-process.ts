import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { StringDecoder } from "node:string_decoder";
import { guardProcess, type HostSignal } from "./host-exit-guard.js";
import { LineSplitter } from "./line-splitter.js";

export interface ClaudeProcessOptions {
  readonly executable: string;
  readonly args: readonly string[];
  readonly cwd: string | undefined;
  readonly env: Readonly<Record<string, string>>;
  /** Written to stdin, which is then closed at once (an open stdin makes the CLI wait 3 s). */
  readonly input: string;
  /** Aborting it kills the whole process group. */
  readonly signal: AbortSignal;
  /** After SIGTERM, how long before SIGKILL. */
  readonly killGraceMs: number;
}

export interface ClaudeProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The last 16 KiB of stderr. */
  readonly stderr: string;
  /** Set when the executable could not be started (ENOENT, EACCES, …). */
  readonly spawnError: NodeJS.ErrnoException | undefined;
  /** Whether this class killed it (abort, timeout, early stop, output too long). */
  readonly killed: boolean;
  /** It printed a line longer than any JSON the CLI writes, and was killed for it. */
  readonly outputTooLong: boolean;
  /** This process got this signal mid-call, so the CLI's group was killed with it. */
  readonly stoppedByHost: HostSignal | undefined;
}

const STDERR_TAIL_CHARS = 16 * 1024;
/** A longer line without a newline is not the CLI's JSON; stop reading instead of buffering. */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;
const IS_WINDOWS = process.platform === "win32";

/**
 * One `claude` child process: spawned without a shell in its own process group, fed its prompt
 * on stdin, read line by line. Killing it signals the whole group (SIGTERM, then SIGKILL after
 * the grace period), and when the CLI exits any process it left behind in its group is killed
 * too, so neither a zombie nor an orphan survives the call.
 */
export class ClaudeProcess {
  /** Resolves once the process has exited and its output is closed; never rejects. */
  readonly exited: Promise<ClaudeProcessExit>;
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #killGraceMs: number;
  readonly #signal: AbortSignal;
  readonly #onAbort = () => this.kill();
  #stderr = "";
  #leaderExited = false;
  #killed = false;
  #outputTooLong = false;
  #stoppedByHost: HostSignal | undefined;
  #unguard: () => void = () => {};
  #killTimer: NodeJS.Timeout | undefined;

  constructor(options: ClaudeProcessOptions) {
    this.#killGraceMs = options.killGraceMs;
    this.#signal = options.signal;
    const child = spawn(options.executable, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["pipe", "pipe", "pipe"],
      // Its own process group (setsid), so one signal reaches the CLI and all it started.
      detached: !IS_WINDOWS,
      shell: false,
      windowsHide: true,
    });
    this.#child = child;
    // The group outlives this process unless someone kills it: do so if the host goes first.
    if (child.pid !== undefined && !IS_WINDOWS) {
      this.#unguard = guardProcess({
        stop: (reason) => {
          if (reason !== "exit") this.#stoppedByHost = reason;
          this.#signalGroup("SIGKILL");
        },
      });
    }
    // EPIPE when the CLI exits before reading its input; the exit tells the story.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });
    this.exited = new Promise((resolve) => {
      let settled = false;
      const finish = (
        code: number | null,
        signal: NodeJS.Signals | null,
        spawnError?: NodeJS.ErrnoException,
      ) => {
        if (settled) return;
        settled = true;
        this.#unguard();
        this.#signal.removeEventListener("abort", this.#onAbort);
        clearTimeout(this.#killTimer);
        resolve({
          code,
          signal,
          stderr: this.#stderr,
          spawnError,
          killed: this.#killed,
          outputTooLong: this.#outputTooLong,
          stoppedByHost: this.#stoppedByHost,
        });
      };
      child.on("error", (error: NodeJS.ErrnoException) => {
        // Only a failed start ends the process here; a failed kill() is not fatal.
        if (child.pid === undefined) finish(null, null, error);
      });
      child.once("exit", (code, signal) => {
        this.#leaderExited = true;
        clearTimeout(this.#killTimer);
        // Whatever the CLI left running in its group (a tool's shell, a stray child) goes too.
        this.#signalGroup("SIGKILL");
        // `close` follows once the pipes close. A process that left the group but kept our
        // pipes open must not hold the call: stop waiting after the grace period.
        const fallback = setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          finish(code, signal);
        }, this.#killGraceMs + 1_000);
        child.once("close", () => {
          clearTimeout(fallback);
          finish(code, signal);
        });
      });
    });
    if (options.signal.aborted) this.kill();
    else options.signal.addEventListener("abort", this.#onAbort, { once: true });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** stdout, one line at a time, as the CLI writes it; ends early (and kills) on a runaway line. */
  async *lines(): AsyncGenerator<string> {
    const decoder = new StringDecoder("utf8");
    const splitter = new LineSplitter(MAX_LINE_CHARS);
    try {
      for await (const chunk of this.#child.stdout) {
        const { lines, tooLong } = splitter.push(decoder.write(chunk as Buffer));
        yield* lines;
        if (tooLong) {
          this.#outputTooLong = true;
          this.kill();
          return;
        }
      }
    } catch (error) {
      // A pipe destroyed after exit (see the fallback above) ends the output; nothing is lost.
      if ((error as NodeJS.ErrnoException).code !== "ERR_STREAM_PREMATURE_CLOSE") throw error;
    }
    const last = splitter.end(decoder.end());
    if (last !== undefined) yield last;
  }

  /** SIGTERM to the whole group, SIGKILL after the grace period. Idempotent. */
  kill(): void {
    if (this.#killed || this.#leaderExited || this.#child.pid === undefined) return;
    this.#killed = true;
    this.#signalGroup("SIGTERM");
    this.#killTimer = setTimeout(() => this.#signalGroup("SIGKILL"), this.#killGraceMs);
  }

  #signalGroup(signal: NodeJS.Signals): void {
    const pid = this.#child.pid;
    if (pid === undefined) return;
    if (IS_WINDOWS) {
      this.#child.kill(signal);
      return;
    }
    try {
      // A negative pid addresses the process group the child leads.
      process.kill(-pid, signal);
    } catch (error) {
      // ESRCH: the group is already empty. Anything else: fall back to the child alone.
      if ((error as NodeJS.ErrnoException).code !== "ESRCH" && !this.#leaderExited) {
        this.#child.kill(signal);
      }
    }
  }
}
