import { type ChildProcess, fork } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, "..");
const WORKER = join(here, "workers", "budget-worker.mjs");
/** A worker that spends through a real adapter over HTTP, not through the store directly. */
export const FLEET_WORKER = join(here, "workers", "fleet-worker.mjs");

export type WorkerMessage = { type: string; [key: string]: unknown };

/**
 * The worker runs the BUILT packages. Fail loudly when dist/ is missing or older than src/,
 * rather than testing stale code.
 */
export function assertBuilt(): void {
  const hint =
    "build first: npx -y pnpm@10.34.8 turbo run build --filter @llmc/budget-redis... (from the repo root)";
  const coreDist = join(packageDir, "node_modules", "@llmc", "core", "dist", "index.js");
  if (!existsSync(coreDist)) throw new Error(`@llmc/core is not built (${coreDist}); ${hint}`);
  const srcDir = join(packageDir, "src");
  const stale: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) {
        const built = join(packageDir, "dist", relative(srcDir, path).replace(/\.ts$/, ".js"));
        if (!existsSync(built) || statSync(built).mtimeMs < statSync(path).mtimeMs) {
          stale.push(relative(packageDir, path));
        }
      }
    }
  };
  walk(srcDir);
  if (stale.length > 0) {
    throw new Error(
      `dist/ of @llmc/budget-redis is missing or older than ${stale.join(", ")}; ${hint}`,
    );
  }
}

export class Worker {
  readonly process: ChildProcess;
  readonly messages: WorkerMessage[] = [];
  readonly #waiters: Array<{ type: string; resolve: (m: WorkerMessage) => void }> = [];
  readonly exited: Promise<number | null>;

  /** `script`: a worker under test/workers/ (default: the store-level budget worker). */
  constructor(script = WORKER) {
    this.process = fork(script, [], {
      cwd: packageDir,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.process.on("message", (message: WorkerMessage) => {
      this.messages.push(message);
      for (const waiter of [...this.#waiters]) {
        if (waiter.type === message.type || message.type === "error") {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    });
    // "close", not "exit": a child's last IPC message can be delivered after its "exit" event,
    // but always before "close".
    this.exited = new Promise((resolve) => this.process.once("close", (code) => resolve(code)));
  }

  /** Resolves with the first message of `type` (or rejects on an "error" message / exit). */
  next(type: string): Promise<WorkerMessage> {
    const seen = this.messages.find((m) => m.type === type || m.type === "error");
    const pending = seen
      ? Promise.resolve(seen)
      : new Promise<WorkerMessage>((resolve, reject) => {
          this.#waiters.push({ type, resolve });
          void this.exited.then((code) =>
            reject(new Error(`worker exited (${code}) before sending "${type}"`)),
          );
        });
    return pending.then((message) => {
      if (message.type === "error") throw new Error(`worker failed: ${String(message.message)}`);
      return message;
    });
  }

  async run(job: Record<string, unknown>): Promise<void> {
    await this.next("ready");
    this.process.send(job);
  }

  kill(): void {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill("SIGKILL");
    }
  }
}
