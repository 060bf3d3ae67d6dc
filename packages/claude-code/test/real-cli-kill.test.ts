import { BudgetTracker, LLMAbortError, LLMTimeoutError } from "@llmc/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CliHarness,
  eventually,
  processesIn,
  recordReservations,
  rejectionOf,
  startCliHarness,
} from "./helpers.js";

// A stream that stalls after its first delta: the CLI's own idle watchdog would wait 300 s,
// so only the adapter's kill ends it. After every call, no process may remain in the cwd the
// CLI ran in (the pnpm shim and the native binary it starts).
let harness: CliHarness;
beforeAll(async () => {
  harness = await startCliHarness();
});
afterAll(async () => {
  await harness.close();
});

const stall = { fault: "stall-stream" as const, afterChunks: 1 };

describe("killing the CLI", () => {
  it("on timeout: LLMTimeoutError, the whole group killed, the worst case charged", async () => {
    const { sim } = harness;
    sim.reset();
    sim.setDefault("anthropic", stall);
    const budget = new BudgetTracker({ total: 1 });
    const reserved = recordReservations(budget);
    const error = await rejectionOf(
      harness.adapter().executePrompt("Say hello", {
        model: "claude-haiku-4-5",
        maxOutputTokens: 100,
        timeoutMs: 3_000,
        budgetTracker: budget,
      }),
    );
    expect(error).toBeInstanceOf(LLMTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 3_000, retryable: false });
    expect(await processesIn(harness.cwd)).toEqual([]);
    // Killed mid-request, the CLI reports nothing: the call is charged its reservation.
    expect([budget.spent]).toEqual(reserved);
    expect(budget.spent).toBeGreaterThan(0);
    expect(budget.reserved).toBe(0);
  });

  it("on abort: LLMAbortError once the request is in flight, nothing left running", async () => {
    const { sim } = harness;
    sim.reset();
    sim.script("anthropic", stall);
    const controller = new AbortController();
    const call = rejectionOf(
      harness.adapter().executePrompt("Say hello", {
        model: "claude-haiku-4-5",
        signal: controller.signal,
      }),
    );
    await eventually(async () => sim.requestCount("anthropic") === 1, "the CLI's request");
    // The shim and the native binary it started are both running in the cwd.
    expect((await processesIn(harness.cwd)).length).toBeGreaterThanOrEqual(2);
    controller.abort();
    const error = await call;
    expect(error).toBeInstanceOf(LLMAbortError);
    expect(error.message).toBe("The claude-code call was aborted by its caller");
    expect(await processesIn(harness.cwd)).toEqual([]);
  });

  it("when a stream's consumer stops reading", async () => {
    const { sim } = harness;
    sim.reset();
    sim.script("anthropic", {
      fault: "stall-stream",
      afterChunks: 1,
      reply: { chunks: ["First ", "never sent"] },
    });
    const budget = new BudgetTracker({ total: 1 });
    const stream = harness.adapter().streamPrompt("Say hello", {
      model: "claude-haiku-4-5",
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    const seen: string[] = [];
    for await (const delta of stream) {
      seen.push(delta);
      break;
    }
    const error = await rejectionOf(stream.result);
    expect(seen).toEqual(["First "]);
    expect(error).toBeInstanceOf(LLMAbortError);
    expect(error.message).toBe("The stream was cancelled by its consumer");
    expect(await processesIn(harness.cwd)).toEqual([]);
    expect(budget.reserved).toBe(0);
  });
});
