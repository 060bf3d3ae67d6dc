import { mkdtemp, readdir, readFile, readlink, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BudgetTracker, LLMError } from "@llmc/core";
import { type Simulator, type StartSimulatorOptions, startSimulator } from "@llmc/testing";
import { ClaudeCodeAdapter, type ClaudeCodeOptions } from "../src/index.js";

/** The real CLI, pinned as a devDependency (a pnpm shim that starts the native binary). */
export const CLAUDE_BIN = fileURLToPath(new URL("../node_modules/.bin/claude", import.meta.url));
/** The fake, only for faults the real CLI cannot be made to show. */
export const FAKE_CLAUDE = fileURLToPath(new URL("./fixtures/fake-claude.mjs", import.meta.url));

export const API_KEY = "sk-test";

/**
 * The suite's run id (set by the root vitest globalSetup), for the `env` option of every
 * adapter a test builds: the CLI gets only the environment the adapter hands it, and the
 * suite-end check finds leftover processes by this variable.
 */
export function testRunEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const id = process.env.LLMC_TEST_RUN_ID;
  return { ...(id ? { LLMC_TEST_RUN_ID: id } : {}), ...extra };
}

/** SIGKILL to each pid's process group and the pid itself; gone already is fine. */
export function killHard(pids: Iterable<number>): void {
  for (const pid of pids) {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, "SIGKILL");
      } catch {
        // ESRCH: already gone (or not a group leader).
      }
    }
  }
}

/** A simulator, a temp HOME and a temp cwd: every CLI run starts from a clean state. */
export interface CliHarness {
  readonly sim: Simulator;
  readonly home: string;
  readonly cwd: string;
  /** An adapter on the real CLI, pointed at the simulator; `maxRetries: 0` unless given. */
  adapter(options?: ClaudeCodeOptions): ClaudeCodeAdapter;
  close(): Promise<void>;
}

export async function startCliHarness(options: StartSimulatorOptions = {}): Promise<CliHarness> {
  const sim = await startSimulator(options);
  const home = await mkdtemp(join(tmpdir(), "llmc-claude-home-"));
  const cwd = await mkdtemp(join(tmpdir(), "llmc-claude-cwd-"));
  return {
    sim,
    home,
    cwd,
    adapter: (overrides = {}) =>
      new ClaudeCodeAdapter({
        executable: CLAUDE_BIN,
        cwd,
        homeDir: home,
        apiKey: options.apiKeys?.[0] ?? API_KEY,
        baseURL: sim.anthropic.baseUrl,
        maxRetries: 0,
        ...overrides,
        env: testRunEnv(overrides.env),
      }),
    close: async () => {
      // Whatever a failed test left running in this cwd goes first.
      killHard(await processesIn(cwd));
      await sim.close();
      await rm(home, { recursive: true, force: true });
      await rm(cwd, { recursive: true, force: true });
    },
  };
}

/** Model requests the simulator received (the CLI also sends a `HEAD /` preconnect). */
export function messageRequests(sim: Simulator) {
  return sim.requests.filter((request) => request.provider === "anthropic");
}

/**
 * Live processes whose working directory is `cwd` or below it (Linux /proc). Every CLI a
 * harness starts runs there, so after a call none may remain. Zombies have no cwd and are not
 * listed.
 */
export async function processesIn(cwd: string): Promise<number[]> {
  if (process.platform !== "linux") return [];
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const where = await readlink(`/proc/${entry}/cwd`).catch(() => undefined);
    if (where === cwd || where?.startsWith(`${cwd}/`)) pids.push(Number(entry));
  }
  return pids;
}

/** Whether a pid runs: false once it is gone, and for a zombie (dead, waiting to be reaped). */
export async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  // Field 3, after the parenthesised name, is the state; Z is a zombie.
  return stat === undefined ? process.platform !== "linux" : !/\) Z /.test(stat);
}

/** Waits until `check` holds, polling; fails after `limitMs` (a safety net, not a measurement). */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  limitMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The amounts (USD) `budget` reserves from now on, in order: a call charged "its reservation"
 * must have been charged exactly one of these.
 */
export function recordReservations(budget: BudgetTracker): number[] {
  const amounts: number[] = [];
  const reserve = budget.reserve.bind(budget);
  budget.reserve = async (...args) => {
    const reservation = await reserve(...args);
    amounts.push(reservation.amountUsd);
    return reservation;
  };
  return amounts;
}

/** Captures a rejection so its fields can be asserted. */
export async function rejectionOf(promise: Promise<unknown>): Promise<LLMError> {
  try {
    await promise;
  } catch (error) {
    return error as LLMError;
  }
  throw new Error("expected the call to fail");
}

/**
 * A raw Anthropic SSE reply whose only content is a `tool_use` block (stop_reason `tool_use`):
 * the simulator's replies are text, and the CLI only takes another turn after a tool call.
 */
export function toolUseReply(usage: { inputTokens: number; outputTokens: number }) {
  const event = (type: string, data: Record<string, unknown>) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const body = [
    event("message_start", {
      message: {
        id: "msg_tool_use",
        type: "message",
        role: "assistant",
        model: "claude-sonnet-4-5",
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: usage.inputTokens, output_tokens: 1 },
      },
    }),
    event("content_block_start", {
      index: 0,
      content_block: { type: "tool_use", id: "toolu_01", name: "Read", input: {} },
    }),
    event("content_block_delta", {
      index: 0,
      delta: { type: "input_json_delta", partial_json: '{"file_path":"/etc/hostname"}' },
    }),
    event("content_block_stop", { index: 0 }),
    event("message_delta", {
      delta: { stop_reason: "tool_use", stop_sequence: null },
      usage: { output_tokens: usage.outputTokens },
    }),
    event("message_stop", {}),
  ].join("");
  return {
    fault: "raw" as const,
    status: 200,
    headers: { "content-type": "text/event-stream" },
    body,
  };
}
