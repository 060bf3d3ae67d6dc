import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BudgetTracker,
  LLMAbortError,
  LLMConfigError,
  LLMInvalidResponseError,
  LLMProviderError,
  LLMTimeoutError,
} from "@llmc/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ClaudeCodeAdapter, type ClaudeCodeOptions } from "../src/index.js";
import {
  eventually,
  FAKE_CLAUDE,
  isRunning,
  killHard,
  processesIn,
  recordReservations,
  rejectionOf,
  testRunEnv,
} from "./helpers.js";

// Faults the real CLI cannot be made to show, played by test/fixtures/fake-claude.mjs.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "llmc-fake-claude-"));
  await chmod(FAKE_CLAUDE, 0o755);
});
/** Pids a test saw; killed after it whatever happened (one fake ignores SIGTERM). */
const started = new Set<number>();
afterEach(async () => {
  killHard(started);
  started.clear();
  killHard(await processesIn(dir));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function fake(env: Record<string, string>, options: ClaudeCodeOptions = {}) {
  return new ClaudeCodeAdapter({
    executable: FAKE_CLAUDE,
    cwd: dir,
    homeDir: dir,
    apiKey: "sk-test",
    maxRetries: 0,
    env: testRunEnv(env),
    ...options,
  });
}

const budgeted = (budget: BudgetTracker) => ({
  model: "claude-sonnet-4-5",
  maxOutputTokens: 100,
  budgetTracker: budget,
});

async function pidsFrom(file: string): Promise<{ pid: number; grandchildPid: number }> {
  await eventually(
    () =>
      readFile(file, "utf8").then(
        () => true,
        () => false,
      ),
    "the fake to write its pids",
    20_000,
  );
  const pids = JSON.parse(await readFile(file, "utf8")) as { pid: number; grandchildPid: number };
  started.add(pids.pid).add(pids.grandchildPid);
  return pids;
}

async function expectGone(pids: { pid: number; grandchildPid: number }): Promise<void> {
  // The call settles once the CLI itself has exited, so the leader is dead at once (a killed
  // orphan may linger as a zombie until init reaps it). The grandchild got the same signal at
  // the same moment, but nothing waits for it: on a loaded machine it can still be running when
  // the call resolves, so it only has to die on its own, without the test's afterEach help…
  expect(await isRunning(pids.pid)).toBe(false);
  await eventually(
    async () => !(await isRunning(pids.grandchildPid)),
    `grandchild ${pids.grandchildPid} to die of the group signal`,
    20_000,
  );
  // …and both gone for good shortly after: process.kill(pid, 0) throws ESRCH.
  for (const pid of [pids.pid, pids.grandchildPid]) {
    await eventually(async () => {
      try {
        process.kill(pid, 0);
        return false;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === "ESRCH";
      }
    }, `pid ${pid} to be reaped`);
  }
}

describe("a CLI that crashes or prints garbage", () => {
  it("killed by a signal → LLMProviderError, charged the reservation (its spend is unknown)", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const reserved = recordReservations(budget);
    const error = await rejectionOf(
      fake({ FAKE_CLAUDE_MODE: "crash" }).executePrompt("Hi", budgeted(budget)),
    );
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error.message).toBe("Claude Code was killed by SIGKILL before it printed a result");
    expect(error.retryable).toBe(false);
    expect(budget.spent).toBeGreaterThan(0);
    expect([budget.spent]).toEqual(reserved);
    expect(budget.reserved).toBe(0);
  });

  it("output that is not JSON → LLMInvalidResponseError quoting it", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const reserved = recordReservations(budget);
    const error = await rejectionOf(
      fake({ FAKE_CLAUDE_MODE: "garbage" }).executePrompt("Hi", budgeted(budget)),
    );
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
    expect(error.message).toContain("Welcome to a CLI that is not Claude Code");
    expect(budget.spent).toBeGreaterThan(0);
    expect([budget.spent]).toEqual(reserved);
    expect(budget.reserved).toBe(0);
  });
});

describe("a CLI that hangs before any output, with a grandchild", () => {
  it("abort kills the whole process group: no zombie or orphan survives", async () => {
    const pidFile = join(dir, "abort.pids.json");
    const controller = new AbortController();
    const call = rejectionOf(
      fake({ FAKE_CLAUDE_MODE: "hang", FAKE_CLAUDE_PID_FILE: pidFile }).executePrompt("Hi", {
        model: "claude-sonnet-4-5",
        signal: controller.signal,
      }),
    );
    const pids = await pidsFrom(pidFile);
    expect(await isRunning(pids.pid)).toBe(true);
    expect(await isRunning(pids.grandchildPid)).toBe(true);
    controller.abort();
    expect(await call).toBeInstanceOf(LLMAbortError);
    await expectGone(pids);
  });

  it("a timeout kills a group that ignores SIGTERM with SIGKILL after the grace period", async () => {
    const pidFile = join(dir, "timeout.pids.json");
    const budget = new BudgetTracker({ total: 1 });
    const adapter = fake(
      { FAKE_CLAUDE_MODE: "hang", FAKE_CLAUDE_PID_FILE: pidFile, FAKE_CLAUDE_IGNORE_TERM: "1" },
      { killGraceMs: 200 },
    );
    // The deadline must outlast the fake's start-up (two Node processes and a file write): on a
    // loaded CI machine that took over 2 s, the timeout fired before the pid file existed, and
    // the test failed for want of pids rather than for anything the adapter did.
    const call = rejectionOf(
      adapter.executePrompt("Hi", { ...budgeted(budget), timeoutMs: 12_000 }),
    );
    const pids = await pidsFrom(pidFile);
    const error = await call;
    expect(error).toBeInstanceOf(LLMTimeoutError);
    await expectGone(pids);
    expect(budget.reserved).toBe(0);
  }, 60_000);
});

describe("a CLI that cannot start", () => {
  it("a missing executable → LLMConfigError saying how to install it; nothing charged", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(
      fake({}, { executable: join(dir, "no-such-claude") }).executePrompt("Hi", budgeted(budget)),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(error).toMatchObject({ field: "executable" });
    expect(error.message).toContain("npm i -g @anthropic-ai/claude-code");
    expect(budget.spent).toBe(0);
    expect(budget.reserved).toBe(0);
  });

  it("a missing cwd → LLMConfigError naming the cwd option", async () => {
    const error = await rejectionOf(
      fake({}, { cwd: join(dir, "no-such-dir") }).executePrompt("Hi", {
        model: "claude-sonnet-4-5",
      }),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(error).toMatchObject({ field: "cwd" });
  });
});
