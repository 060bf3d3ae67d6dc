import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { BudgetTracker, LLMConfigError } from "@llmc/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClaudeCodeMaxBudgetError, ClaudeCodeMaxTurnsError } from "../src/index.js";
import {
  type CliHarness,
  messageRequests,
  rejectionOf,
  startCliHarness,
  toolUseReply,
} from "./helpers.js";

// The budget's promise for Claude Code: whatever the API bills, what the CLI reports is
// within what the call reserved. These runs script the largest bill a request could get.
let harness: CliHarness;
beforeAll(async () => {
  harness = await startCliHarness();
});
afterAll(async () => {
  await harness.close();
});

/** A directory nested under `root` whose path is at least `bytes` long. */
async function deepDirectoryIn(root: string, bytes: number): Promise<string> {
  let path = root;
  while (Buffer.byteLength(path) < bytes) path = join(path, "d".repeat(200));
  await mkdir(path, { recursive: true });
  return path;
}

interface RequestBody {
  max_tokens: number;
}

describe("single-turn calls: the reservation covers the worst bill", () => {
  // `--bare` (the harness gives an API key) puts the cwd into its short system prompt: the
  // last case runs in a cwd of ~3 KB, more than the bare bound's fixed part.
  it.each([
    ["--bare, the CLI's own system prompt", undefined, true, false],
    ["--bare, a replaced system prompt", "You are terse.", true, false],
    ["--bare, in a 3 KB cwd", undefined, true, true],
    ["the CLI's own full system prompt", undefined, false, false],
    ["the full CLI and a replaced system prompt", "You are terse.", false, false],
  ])("with %s", async (_label, systemPrompt, bare, longCwd) => {
    const { sim } = harness;
    sim.reset();
    const budget = new BudgetTracker({ total: 10 });
    let reservedInFlight = 0;
    // The most the API could bill for the request the CLI actually sent: one token per byte
    // of the whole body, all of it written to the cache (the dearest input rate), and every
    // output token the request allowed.
    sim.script("anthropic", (request) => {
      reservedInFlight = budget.reserved;
      const bodyBytes = Buffer.byteLength(JSON.stringify(request.body), "utf8");
      return {
        usage: {
          inputTokens: bodyBytes,
          cacheWriteTokens: bodyBytes,
          outputTokens: (request.body as RequestBody).max_tokens,
        },
      };
    });
    const cwd = longCwd ? await deepDirectoryIn(harness.cwd, 3_000) : harness.cwd;
    const result = await harness.adapter({ bare, cwd }).executePrompt("Say hello", {
      model: "claude-sonnet-4-5",
      budgetTracker: budget,
      ...(systemPrompt ? { systemPrompt } : {}),
    });
    // The premise: a bare call without a system prompt of its own names its cwd.
    const body = JSON.stringify(messageRequests(sim)[0]!.body);
    if (bare && !systemPrompt) expect(body).toContain(`CWD: ${cwd}`);
    // No maxOutputTokens: the table's ceiling (32,000 for Sonnet 4.5) was sent and reserved.
    expect(result.usage.outputTokens).toBe(32_000);
    expect(result.costSource).toBe("provider");
    expect(budget.spent).toBe(result.costUsd);
    expect(budget.spent).toBeGreaterThan(0.48);
    expect(budget.spent).toBeLessThanOrEqual(reservedInFlight);
    expect(budget.reserved).toBe(0);
  });
});

describe("turn limits", () => {
  it("a tool call in a single-turn call stops at --max-turns 1, charged what it cost", async () => {
    const { sim } = harness;
    sim.reset();
    sim.script("anthropic", toolUseReply({ inputTokens: 1000, outputTokens: 500 }));
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(
      harness.adapter().executePrompt("Read /etc/hostname", {
        model: "claude-sonnet-4-5",
        maxOutputTokens: 1000,
        budgetTracker: budget,
      }),
    );
    expect(error).toBeInstanceOf(ClaudeCodeMaxTurnsError);
    expect(error).toMatchObject({
      message: "Claude Code: Reached maximum number of turns (1)",
      maxTurns: 1,
      reportedCostUsd: 0.0105,
      retryable: false,
    });
    expect(sim.requestCount("anthropic")).toBe(1);
    expect(budget.spent).toBe(0.0105);
    expect(budget.reserved).toBe(0);
  });

  it("a multi-turn call passes its cap to the CLI and is charged the turn that crossed it", async () => {
    const { sim } = harness;
    sim.reset();
    const budget = new BudgetTracker({ total: 10 });
    let reservedInFlight = 0;
    // One turn of 100k input + 1000 output tokens costs $0.315, far past the $0.01 cap.
    sim.script("anthropic", () => {
      reservedInFlight = budget.reserved;
      return toolUseReply({ inputTokens: 100_000, outputTokens: 1000 });
    });
    const adapter = harness.adapter({ tools: ["Read"], maxCallCostUsd: 0.01, maxTurns: 5 });
    const error = await rejectionOf(
      adapter.executePrompt("Read /etc/hostname", {
        model: "claude-sonnet-4-5",
        budgetTracker: budget,
      }),
    );
    expect(error).toBeInstanceOf(ClaudeCodeMaxBudgetError);
    // The CLI names the cap it was given: --max-budget-usd reached it.
    expect(error.message).toBe("Claude Code: Reached maximum budget ($0.01)");
    expect(error).toMatchObject({ capUsd: 0.01, reportedCostUsd: 0.315 });
    // Reserved: the cap + one turn at full context (200k × $3.75) and full output (32k × $15).
    expect(reservedInFlight).toBe(0.01 + 0.75 + 0.48);
    expect(budget.spent).toBe(0.315);
    expect(budget.spent).toBeLessThanOrEqual(reservedInFlight);
    expect(budget.reserved).toBe(0);
  });

  it("refuses a budgeted multi-turn call without a cap before starting the CLI", async () => {
    const { sim } = harness;
    sim.reset();
    const budget = new BudgetTracker({ total: 10 });
    const error = await rejectionOf(
      harness.adapter({ tools: ["Read"] }).executePrompt("Read a file", {
        model: "claude-sonnet-4-5",
        budgetTracker: budget,
      }),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(error).toMatchObject({ field: "maxCallCostUsd" });
    expect(sim.requestCount()).toBe(0);
    expect(budget.spent).toBe(0);
    expect(budget.reserved).toBe(0);
  });
});
