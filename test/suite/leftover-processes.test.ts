import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  findLeftoverProcesses,
  killProcesses,
  type Leftover,
  listProcesses,
  processKey,
  processTree,
  RUN_ID_VARIABLE,
} from "./leftover-processes.js";

const onLinux = process.platform === "linux";
const started: ChildProcess[] = [];

/** A detached `sleep` (its own process group, as a leaked CLI would be), always killed after. */
function startSleeper(env: NodeJS.ProcessEnv, extraArgs: string[] = [], detached = true) {
  const child = spawn("sleep", ["300", ...extraArgs], { detached, stdio: "ignore", env });
  child.on("error", () => {});
  child.unref();
  started.push(child);
  return child;
}

afterEach(() => {
  for (const child of started.splice(0)) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
});

/** Polls: a just-spawned process shows in /proc at once, but give a loaded machine slack. */
async function eventually<T>(probe: () => T | undefined, limitMs = 10_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const envWithout = (name: string): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env[name];
  return env;
};

describe.runIf(onLinux)("the suite-end leftover-process scanner", () => {
  it("this run is named: the root globalSetup set LLMC_TEST_RUN_ID for every worker", () => {
    expect(process.env[RUN_ID_VARIABLE]).toMatch(/^llmc-[0-9a-f-]{36}$/);
  });

  it("finds a detached process by the run id in its environment, and kills it", async () => {
    const runId = `scanner-test-${randomUUID()}`;
    const child = startSleeper({ ...process.env, [RUN_ID_VARIABLE]: runId });
    const found = await eventually(() =>
      findLeftoverProcesses({ runId, exclude: new Set() }).find((p) => p.pid === child.pid),
    );
    expect(found).toMatchObject({ foundBy: "environment", cmdline: "sleep 300" });

    await killProcesses([found]);
    const after = findLeftoverProcesses({ runId, exclude: new Set() });
    expect(after.map((p) => p.pid)).not.toContain(child.pid);
  });

  it("finds one that dropped the id but names the repository, started during the run", async () => {
    const repoRoot = `/tmp/llmc-scanner-${randomUUID()}`;
    const before = new Set(listProcesses().map(processKey));
    // A node sleeper whose argv names a file in the "repository" (as `node <repo>/x.mjs` would).
    const child = spawn(
      process.execPath,
      ["-e", "setTimeout(() => {}, 300_000)", `${repoRoot}/worker.mjs`],
      { detached: true, stdio: "ignore", env: envWithout(RUN_ID_VARIABLE) },
    );
    child.on("error", () => {});
    child.unref();
    started.push(child);
    // This run's id: the sleeper's parent (this worker) carries it, so it is not another run's.
    const runId = process.env[RUN_ID_VARIABLE] ?? "no-run-id";
    const query = { runId, exclude: new Set<number>(), repoRoot, before };
    const found = await eventually(() =>
      findLeftoverProcesses(query).find((p) => p.pid === child.pid),
    );
    expect(found.foundBy).toBe("command line");
    // Processes alive when the run began are never leftovers, nor paths that merely start
    // with the same characters.
    const knownBefore = new Set([...before, processKey(found)]);
    const pids = (leftovers: readonly Leftover[]) => leftovers.map((p) => p.pid);
    expect(pids(findLeftoverProcesses({ ...query, before: knownBefore }))).not.toContain(child.pid);
    expect(pids(findLeftoverProcesses({ ...query, repoRoot: `${repoRoot}-x` }))).not.toContain(
      child.pid,
    );
    await killProcesses([found]);
    expect(pids(findLeftoverProcesses(query))).not.toContain(child.pid);
  });

  it("leaves vitest's own process tree and other runs' processes alone", async () => {
    const runId = `scanner-test-${randomUUID()}`;
    const child = startSleeper({ ...process.env, [RUN_ID_VARIABLE]: runId }, [], false);
    const other = startSleeper({ ...process.env, [RUN_ID_VARIABLE]: `${runId}-other` });
    await eventually(() =>
      findLeftoverProcesses({ runId, exclude: new Set() }).find((p) => p.pid === child.pid),
    );
    const processes = listProcesses();
    const exclude = processTree(process.pid, processes);
    expect(exclude.has(child.pid!)).toBe(true);
    const found = findLeftoverProcesses({ runId, exclude, processes }).map((p) => p.pid);
    expect(found).not.toContain(child.pid);
    expect(found).not.toContain(other.pid);
  });

  it("the command-line net spares processes below another run (another vitest in the clone)", () => {
    const at = (pid: number, ppid: number, cmdline: string, runId?: string) => ({
      pid,
      ppid,
      pgid: pid,
      startTicks: 1,
      cmdline,
      runId,
    });
    const processes = [
      at(100, 1, "node vitest.mjs", "another-run"),
      at(101, 100, "node /repo/packages/x/worker.mjs"),
      at(102, 1, "node /repo/packages/x/orphan.mjs"),
      at(103, 1, "node /repo-2/packages/x/elsewhere.mjs"),
    ];
    const found = findLeftoverProcesses({
      runId: "this-run",
      exclude: new Set(),
      repoRoot: "/repo",
      before: new Set(),
      processes,
    });
    expect(found.map((p) => [p.pid, p.foundBy])).toEqual([[102, "command line"]]);
  });
});
