import { readdirSync, readFileSync } from "node:fs";

/**
 * Finds processes a test run left behind (Linux `/proc`; elsewhere it finds nothing).
 *
 * The root vitest globalSetup gives the run an id in `LLMC_TEST_RUN_ID`; every process a test
 * spawns inherits it unless the test passes an `env` without it. At the end of the run a live
 * process carrying that id, outside vitest's own process tree, is a leftover. As a second net,
 * a process whose command line names the repository and that started during the run (it was
 * not in the snapshot taken at setup) is one too, unless it belongs to another run (carries
 * another id).
 */
export const RUN_ID_VARIABLE = "LLMC_TEST_RUN_ID";

export interface LiveProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  /** Start time in clock ticks since boot: with the pid, it names one process for good. */
  readonly startTicks: number;
  /** argv joined by spaces ("" for kernel threads and zombies). */
  readonly cmdline: string;
  /** The value of `LLMC_TEST_RUN_ID` in its environment, if readable and set. */
  readonly runId: string | undefined;
}

export interface Leftover extends LiveProcess {
  /** How it was found: by the run id in its environment, or by its command line. */
  readonly foundBy: "environment" | "command line";
}

/** A process's identity across the run: a pid may be reused, pid + start time is not. */
export const processKey = (p: Pick<LiveProcess, "pid" | "startTicks">) =>
  `${p.pid}:${p.startTicks}`;

export function listProcesses(): LiveProcess[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return []; // no procfs (macOS, Windows): nothing to check
  }
  const processes: LiveProcess[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const found = readProcess(Number(entry));
    if (found) processes.push(found);
  }
  return processes;
}

function readProcess(pid: number): LiveProcess | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined; // gone meanwhile
  }
  // "pid (comm) state ppid pgrp session … starttime(22) …"; comm may hold spaces and parens.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  if (fields[0] === "Z") return undefined; // a zombie is already dead; its parent reaps it
  return {
    pid,
    ppid: Number(fields[1]),
    pgid: Number(fields[2]),
    startTicks: Number(fields[19]),
    cmdline: readOr(`/proc/${pid}/cmdline`).split("\0").filter(Boolean).join(" "),
    runId: runIdIn(readOr(`/proc/${pid}/environ`)),
  };
}

function readOr(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return ""; // another user's process, or gone
  }
}

function runIdIn(environ: string): string | undefined {
  const prefix = `${RUN_ID_VARIABLE}=`;
  for (const entry of environ.split("\0")) {
    if (entry.startsWith(prefix)) return entry.slice(prefix.length);
  }
  return undefined;
}

/** `root` and every process below it. */
export function processTree(root: number, processes: readonly LiveProcess[]): Set<number> {
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of processes) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  return tree;
}

/** The processes above `pid` (the shells and tools that started the run). */
export function ancestors(pid: number, processes: readonly LiveProcess[]): Set<number> {
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const found = new Set<number>();
  for (let p = byPid.get(pid); p && p.ppid > 0 && !found.has(p.ppid); p = byPid.get(p.ppid)) {
    found.add(p.ppid);
  }
  return found;
}

export interface LeftoverQuery {
  readonly runId: string;
  /** Not leftovers: vitest's own tree and its ancestors. */
  readonly exclude: ReadonlySet<number>;
  /** The repository's absolute path, for the command-line net. */
  readonly repoRoot?: string | undefined;
  /** `processKey`s of the processes alive when the run began (never leftovers). */
  readonly before?: ReadonlySet<string> | undefined;
  readonly processes?: readonly LiveProcess[] | undefined;
}

export function findLeftoverProcesses(query: LeftoverQuery): Leftover[] {
  const processes = query.processes ?? listProcesses();
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const self = process.pid;
  const leftovers: Leftover[] = [];
  for (const p of processes) {
    if (p.pid === self || query.exclude.has(p.pid)) continue;
    if (p.runId === query.runId) {
      leftovers.push({ ...p, foundBy: "environment" });
    } else if (
      query.repoRoot !== undefined &&
      p.runId === undefined &&
      query.before !== undefined &&
      !query.before.has(processKey(p)) &&
      mentionsPath(p.cmdline, query.repoRoot) &&
      !belongsToAnotherRun(p, byPid, query.runId)
    ) {
      leftovers.push({ ...p, foundBy: "command line" });
    }
  }
  return leftovers;
}

/**
 * Below a process of another test run (another vitest in the same clone, its workers): that
 * run answers for it, and it may well still be working.
 */
function belongsToAnotherRun(
  p: LiveProcess,
  byPid: ReadonlyMap<number, LiveProcess>,
  runId: string,
): boolean {
  const seen = new Set<number>();
  for (let up = byPid.get(p.ppid); up && !seen.has(up.pid); up = byPid.get(up.ppid)) {
    seen.add(up.pid);
    if (up.runId !== undefined && up.runId !== runId) return true;
  }
  return false;
}

/** `root` as a whole path component ("/work/repo" is not in "/work/repo-2/x"). */
function mentionsPath(cmdline: string, root: string): boolean {
  const trimmed = root.replace(/\/+$/, "");
  for (let at = cmdline.indexOf(trimmed); at !== -1; at = cmdline.indexOf(trimmed, at + 1)) {
    const next = cmdline[at + trimmed.length];
    if (next === undefined || next === "/" || next === " ") return true;
  }
  return false;
}

/** SIGKILLs each (and its group when it leads one), then waits until they are gone. */
export async function killProcesses(
  leftovers: readonly LiveProcess[],
  waitMs = 5_000,
): Promise<void> {
  for (const p of leftovers) {
    if (p.pgid === p.pid) trySignal(-p.pid);
    trySignal(p.pid);
  }
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline && leftovers.some(isAlive)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function trySignal(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

function isAlive(p: LiveProcess): boolean {
  const now = readProcess(p.pid);
  return now !== undefined && now.startTicks === p.startTicks;
}

export function describeLeftover(p: Leftover): string {
  return `pid ${p.pid} (found by its ${p.foundBy}): ${p.cmdline || "(no command line)"}`;
}
