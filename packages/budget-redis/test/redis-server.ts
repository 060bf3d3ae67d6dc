import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RedisServerOptions {
  /** appendonly yes + appendfsync always: every acknowledged write survives a SIGKILL. */
  readonly durable?: boolean;
  /** Cluster mode (one node; the test assigns the slots), announcing 127.0.0.1 only. */
  readonly cluster?: boolean;
}

/**
 * A throw-away `redis-server` on 127.0.0.1 for one test file: its own free port, its own
 * temporary directory, stopped in `afterAll`. Fails (never skips) when redis-server is missing.
 */
export class RedisTestServer {
  readonly host = "127.0.0.1";
  readonly port: number;
  readonly dir: string;
  readonly #durable: boolean;
  readonly #cluster: boolean;
  #process: ChildProcess | undefined;
  #log = "";

  private constructor(port: number, dir: string, options: RedisServerOptions) {
    this.port = port;
    this.dir = dir;
    this.#durable = options.durable ?? false;
    this.#cluster = options.cluster ?? false;
  }

  static async start(options: RedisServerOptions = {}): Promise<RedisTestServer> {
    assertRedisServerInstalled();
    const dir = mkdtempSync(join(tmpdir(), "llmc-budget-redis-"));
    let lastError: unknown;
    // A free port can be taken between probing and binding; try a few.
    for (let attempt = 0; attempt < 5; attempt++) {
      const server = new RedisTestServer(await freePort(), dir, options);
      try {
        await server.restart();
        return server;
      } catch (error) {
        lastError = error;
        await server.kill();
      }
    }
    rmSync(dir, { recursive: true, force: true });
    throw lastError;
  }

  get url(): string {
    return `redis://${this.host}:${this.port}`;
  }

  get pid(): number | undefined {
    return this.#process?.pid;
  }

  /** Starts (again) on the same port and directory: a durable server reloads its AOF. */
  async restart(): Promise<void> {
    if (this.#process) throw new Error("redis-server is already running");
    const args = [
      "--bind",
      this.host,
      "--port",
      String(this.port),
      "--dir",
      this.dir,
      "--save",
      "",
      "--daemonize",
      "no",
      "--protected-mode",
      "yes",
      "--loglevel",
      "warning",
      "--appendonly",
      this.#durable ? "yes" : "no",
    ];
    if (this.#durable) args.push("--appendfsync", "always");
    if (this.#cluster) {
      args.push("--cluster-enabled", "yes", "--cluster-announce-ip", this.host);
      args.push("--cluster-config-file", join(this.dir, `nodes-${this.port}.conf`));
    }
    const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    this.#process = child;
    this.#log = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      this.#log += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      this.#log += chunk.toString();
    });
    child.on("exit", () => {
      if (this.#process === child) this.#process = undefined;
    });
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      if (!this.#process) break;
      if (await ping(this.host, this.port)) return;
      await sleep(20);
    }
    throw new Error(`redis-server did not start on port ${this.port}:\n${this.#log}`);
  }

  /** SIGKILL: no shutdown save, no goodbye to clients. */
  kill(): Promise<void> {
    return this.#stop("SIGKILL");
  }

  /** Freezes the process: connections stay open but nothing answers (a hung Redis). */
  pause(): void {
    this.#process?.kill("SIGSTOP");
  }

  resume(): void {
    this.#process?.kill("SIGCONT");
  }

  async stop(): Promise<void> {
    this.resume();
    await this.#stop("SIGTERM");
    rmSync(this.dir, { recursive: true, force: true });
  }

  async #stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.#process;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
    await exited;
    clearTimeout(timer);
    this.#process = undefined;
  }
}

export function assertRedisServerInstalled(): void {
  const probe = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      "redis-server is not on PATH: these tests need a real Redis. Install it " +
        "(e.g. `apt-get install -y redis-server`) and run the tests again.",
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A raw PING, without a client library: true once redis answers +PONG. */
export function ping(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    let answer = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      answer += chunk.toString();
      if (answer.includes("\r\n")) done(answer.startsWith("+PONG"));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
