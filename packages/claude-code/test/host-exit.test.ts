import { type ChildProcess, spawn } from "node:child_process";
import { chmod, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually, FAKE_CLAUDE, isRunning, killHard, processesIn } from "./helpers.js";

// The CLI runs in its own process group, so nothing the host's terminal or supervisor sends
// reaches it. These hosts (separate Node processes running the built adapter) die mid-call;
// afterwards no CLI process may be left running.
const HOST = fileURLToPath(new URL("./fixtures/host-with-call.mjs", import.meta.url));
const PACKAGE = fileURLToPath(new URL("..", import.meta.url));

let dir: string;
const started = new Set<number>();
beforeAll(async () => {
  await failIfDistIsStale();
  dir = await mkdtemp(join(tmpdir(), "llmc-host-exit-"));
  await chmod(FAKE_CLAUDE, 0o755);
});
afterEach(async () => {
  killHard(started);
  started.clear();
  killHard(await processesIn(dir));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The hosts import dist/: a build older than src/ would test old code. */
async function failIfDistIsStale(): Promise<void> {
  const built = await stat(join(PACKAGE, "dist/index.js")).catch(() => undefined);
  const sources = (await readdir(join(PACKAGE, "src"))).filter(
    (name) => name.endsWith(".ts") && !name.endsWith(".test.ts"),
  );
  const newest = Math.max(
    ...(await Promise.all(
      sources.map(async (name) => (await stat(join(PACKAGE, "src", name))).mtimeMs),
    )),
  );
  if (!built || built.mtimeMs < newest) {
    throw new Error(
      "packages/claude-code/dist is missing or older than src/: run `pnpm exec turbo run build` first",
    );
  }
}

interface HostRun {
  readonly host: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly pidFile: string;
}

let hosts = 0;
function startHost(mode: "signal" | "handled-sigint" | "exit" | "throw"): HostRun {
  const pidFile = join(dir, `host-${++hosts}.pids.json`);
  // Its own group, like a program started from a shell: Ctrl-C is SIGINT to that group.
  const host = spawn(process.execPath, [HOST, mode, pidFile, FAKE_CLAUDE, dir], {
    cwd: dir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (host.pid !== undefined) started.add(host.pid);
  let output = "";
  host.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  host.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    host.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { host, output: () => output, exited, pidFile };
}

async function cliPids(file: string): Promise<number[]> {
  await eventually(
    () =>
      stat(file).then(
        () => true,
        () => false,
      ),
    "the fake CLI to write its pids",
    20_000,
  );
  const { pid, grandchildPid } = JSON.parse(await readFile(file, "utf8"));
  started.add(pid).add(grandchildPid);
  return [pid, grandchildPid];
}

async function expectAllDead(pids: readonly number[]): Promise<void> {
  for (const pid of pids) {
    await eventually(async () => !(await isRunning(pid)), `CLI process ${pid} to die`);
  }
}

describe("the host goes away mid-call: its CLIs go too", () => {
  it("Ctrl-C (SIGINT to the host's group), the host having no SIGINT listener", async () => {
    const run = startHost("signal");
    const pids = await cliPids(run.pidFile);
    expect(await isRunning(pids[0]!)).toBe(true);
    process.kill(-run.host.pid!, "SIGINT");
    // The default action still happens: the host dies of SIGINT.
    expect(await run.exited).toEqual({ code: null, signal: "SIGINT" });
    await expectAllDead(pids);
  });

  it("SIGTERM to the host", async () => {
    const run = startHost("signal");
    const pids = await cliPids(run.pidFile);
    run.host.kill("SIGTERM");
    expect(await run.exited).toEqual({ code: null, signal: "SIGTERM" });
    await expectAllDead(pids);
  });

  it("process.exit() while the call is in flight", async () => {
    const run = startHost("exit");
    const pids = await cliPids(run.pidFile);
    expect(await run.exited).toEqual({ code: 3, signal: null });
    await expectAllDead(pids);
  });

  it("an uncaught exception in the host", async () => {
    const run = startHost("throw");
    const pids = await cliPids(run.pidFile);
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.output()).toContain("host: a bug");
    await expectAllDead(pids);
  });

  it("a host that handles SIGINT itself keeps doing so; its call fails as stopped", async () => {
    const run = startHost("handled-sigint");
    const pids = await cliPids(run.pidFile);
    process.kill(-run.host.pid!, "SIGINT");
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.output()).toContain("host: handled SIGINT");
    expect(run.output()).toContain(
      "host: LLMAbortError: The Claude Code process was stopped because this process received SIGINT",
    );
    await expectAllDead(pids);
  });
});
