import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeAdapterConformance } from "@llmc/testing/conformance";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { ClaudeCodeAdapter } from "../src/index.js";
import { CLAUDE_BIN, killHard, processesIn, testRunEnv } from "./helpers.js";

// The real `claude` CLI against the simulator's Anthropic endpoint, from a temp HOME and cwd.

const CLI_RESENDS =
  "the CLI itself re-sends a cut or failed stream once without streaming (whatever CLAUDE_CODE_MAX_RETRIES says) and prints that answer, so the cut never reaches the adapter";
let home = "";
let cwd = "";
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "llmc-claude-home-"));
  cwd = await mkdtemp(join(tmpdir(), "llmc-claude-cwd-"));
});
afterEach(async () => {
  // Every CLI a case started must be gone when it ends; kill leftovers so one failure stays one.
  const left = await processesIn(cwd);
  killHard(left);
  expect(left, "CLI processes left running by the case").toEqual([]);
});
afterAll(async () => {
  killHard(await processesIn(cwd));
  await rm(home, { recursive: true, force: true });
  await rm(cwd, { recursive: true, force: true });
});

describeAdapterConformance({
  name: "ClaudeCodeAdapter (real CLI)",
  createAdapter: ({ baseURL, ...options }) =>
    new ClaudeCodeAdapter({
      ...options,
      baseUrl: baseURL,
      executable: CLAUDE_BIN,
      cwd,
      homeDir: home,
      env: testRunEnv(),
    }),
  simulator: { protocol: "anthropic" },
  model: "claude-haiku-4-5",
  // The CLI reports its own bill (`total_cost_usd`), which is what is charged.
  costSource: "provider",
  // A killed CLI may already have run its model request and reports nothing: charged.
  unansweredCallSettles: "reservation",
  errors: {
    // The CLI reports a 429's status but not the server's retry-after.
    "rate-limit": { name: "LLMRateLimitError", retryable: true, fields: { status: 429 } },
  },
  notApplicable: {
    "usage-reasoning":
      "Anthropic's usage has no reasoning-token count (thinking is billed inside output_tokens)",
    "settle-failure-after-output": CLI_RESENDS,
    "settle-midstream-error": CLI_RESENDS,
    "settle-cut-before-output": CLI_RESENDS,
    "no-retry-after-output": CLI_RESENDS,
    "settle-billed-without-usage":
      "the Messages API always sends usage and the CLI always reports total_cost_usd",
    "refusal-unpriced-budgeted":
      "with costSource cli a model the table does not know is priced like Opus 4.8, what the CLI charges for it, so it is not refused",
  },
  // Each case starts a CLI process (~0.6 s, more on a loaded machine).
  testTimeoutMs: 60_000,
  deadlineMs: 5_000,
});
