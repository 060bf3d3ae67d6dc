import {
  BudgetTracker,
  LLMAbortError,
  LLMTimeoutError,
  nanosToUsd,
  worstCaseCost,
} from "@llmc/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_BARE_PROMPT_OVERHEAD_TOKENS } from "../src/index.js";
import {
  type CliHarness,
  eventually,
  processesIn,
  rejectionOf,
  startCliHarness,
} from "./helpers.js";

// Each CLI peaks around 290 MiB, so an adapter runs 4 at once by default and queues the
// rest. A queued call holds no budget and still honours its deadline and abort signal.
let harness: CliHarness;
beforeAll(async () => {
  harness = await startCliHarness();
});
afterAll(async () => {
  await harness.close();
});

const PROMPT = "Say hello";
const MODEL = "claude-sonnet-4-5";

/**
 * What one plain call reserves: prompt + the CLI's `--bare` prompt overhead (the harness gives
 * an API key, so calls run bare) + the cwd the bare prompt names, and 100 output tokens.
 */
function oneCallReservation(harnessAdapter: ReturnType<CliHarness["adapter"]>): number {
  const price = harnessAdapter.priceFor(MODEL)!;
  const input =
    Buffer.byteLength(PROMPT) + CLI_BARE_PROMPT_OVERHEAD_TOKENS + Buffer.byteLength(harness.cwd);
  return nanosToUsd(worstCaseCost(input, 100, price));
}

describe("concurrency", () => {
  it("runs 8 calls 4 at a time; calls waiting for a slot hold no reservation", async () => {
    const { sim } = harness;
    sim.reset();
    const budget = new BudgetTracker({ total: 5 });
    const adapter = harness.adapter();
    let mostReserved = 0;
    // Runs when each request arrives: at that moment every running call holds its reservation.
    sim.setDefault("anthropic", () => {
      mostReserved = Math.max(mostReserved, budget.reserved);
      return { usage: { inputTokens: 1000, outputTokens: 500 }, latencyMs: 200 };
    });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        adapter.executePrompt(PROMPT, {
          model: MODEL,
          maxOutputTokens: 100,
          budgetTracker: budget,
          metadata: { index },
        }),
      ),
    );

    expect(results.map((result) => result.costUsd)).toEqual(Array(8).fill(0.0105));
    expect(sim.requestCount("anthropic")).toBe(8);
    expect(budget.spent).toBe(0.084);
    expect(budget.reserved).toBe(0);
    const perCall = oneCallReservation(adapter);
    // Four calls reserved before their CLIs started; the other four held nothing meanwhile.
    expect(mostReserved).toBeCloseTo(4 * perCall, 9);
    expect(await processesIn(harness.cwd)).toEqual([]);
  });

  it("a queued call times out or aborts in the queue without reserving or starting a CLI", async () => {
    const { sim } = harness;
    sim.reset();
    sim.script("anthropic", { fault: "stall-stream", afterChunks: 1 });
    const budget = new BudgetTracker({ total: 5 });
    const adapter = harness.adapter({ maxConcurrency: 1 });
    const config = { model: MODEL, maxOutputTokens: 100, budgetTracker: budget };
    const firstController = new AbortController();
    const first = rejectionOf(
      adapter.executePrompt(PROMPT, { ...config, signal: firstController.signal }),
    );
    await eventually(async () => sim.requestCount("anthropic") === 1, "the first CLI's request");
    const heldByFirst = budget.reserved;
    expect(heldByFirst).toBe(oneCallReservation(adapter));

    const queuedController = new AbortController();
    const timedOut = rejectionOf(adapter.executePrompt(PROMPT, { ...config, timeoutMs: 300 }));
    const aborted = rejectionOf(
      adapter.executePrompt(PROMPT, { ...config, signal: queuedController.signal }),
    );
    expect(budget.reserved).toBe(heldByFirst);
    queuedController.abort();
    expect(await aborted).toBeInstanceOf(LLMAbortError);
    expect(await timedOut).toBeInstanceOf(LLMTimeoutError);
    // Neither queued call reserved anything nor started a CLI.
    expect(budget.reserved).toBe(heldByFirst);
    expect(budget.spent).toBe(0);
    expect(sim.requestCount("anthropic")).toBe(1);

    firstController.abort();
    expect(await first).toBeInstanceOf(LLMAbortError);
    expect(budget.reserved).toBe(0);
    expect(await processesIn(harness.cwd)).toEqual([]);
  });
});
