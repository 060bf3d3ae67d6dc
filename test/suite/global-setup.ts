import { randomUUID } from "node:crypto";
import path from "node:path";
import {
  ancestors,
  describeLeftover,
  findLeftoverProcesses,
  killProcesses,
  listProcesses,
  processKey,
  processTree,
  RUN_ID_VARIABLE,
} from "./leftover-processes.js";

/**
 * The suite-end leftover-process check (README, "Developing"): every process a
 * test starts must be gone when the run ends. `setup` names the run in `LLMC_TEST_RUN_ID`,
 * which vitest's workers and everything they spawn inherit; `teardown` fails the run naming
 * every live process that still carries it (outside vitest's own process tree), or that names
 * this repository on its command line and started during the run, and kills them.
 */
const repoRoot = path.resolve(import.meta.dirname, "../..");
let before: Set<string> | undefined;

export function setup(): void {
  // A fresh id per run, even when an outer run set one: this run answers for its own processes.
  process.env[RUN_ID_VARIABLE] = `llmc-${randomUUID()}`;
  before = new Set(listProcesses().map(processKey));
}

export async function teardown(): Promise<void> {
  const runId = process.env[RUN_ID_VARIABLE];
  if (!runId) return;
  const processes = listProcesses();
  const exclude = new Set([
    ...processTree(process.pid, processes),
    ...ancestors(process.pid, processes),
  ]);
  const leftovers = findLeftoverProcesses({ runId, exclude, repoRoot, before, processes });
  if (leftovers.length === 0) return;
  await killProcesses(leftovers);
  const list = leftovers.map((p) => `  - ${describeLeftover(p)}`).join("\n");
  throw new Error(
    `${leftovers.length} process(es) started by this test run were still running at its end ` +
      `(now killed). A test that starts a process must stop it in its cleanup, even when an ` +
      `assertion fails, and pass ${RUN_ID_VARIABLE} on when it spawns with its own env:\n${list}`,
  );
}
