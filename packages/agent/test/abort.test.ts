import { BudgetTracker, LLMAbortError, LLMTimeoutError, tool } from "@llmc/core";
import { MockAdapter } from "@llmc/testing";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { runAgent } from "../src/index.js";

/** A tool that waits until its signal fires, recording what it saw. */
function waitingTool(seen: { reason?: unknown; started: () => void }, costUsd?: number) {
  return tool({
    description: "Waits",
    input: z.object({}),
    ...(costUsd !== undefined ? { costUsd } : {}),
    execute: (_input, ctx) =>
      new Promise((_resolve, reject) => {
        ctx.signal.addEventListener("abort", () => {
          seen.reason = ctx.signal.reason;
          reject(ctx.signal.reason);
        });
        seen.started();
      }),
  });
}

describe("runAgent: abort and timeout", () => {
  it("abort mid-tool: the tool's ctx.signal fires, its hold is released, the partial result returns", async () => {
    const controller = new AbortController();
    const seen: { reason?: unknown; started: () => void } = { started: () => controller.abort() };
    const budget = new BudgetTracker({ total: 1 });
    const mock = new MockAdapter({
      steps: [{ toolCalls: [{ name: "wait", arguments: {} }] }, { text: "never" }],
    });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "go",
      tools: { wait: waitingTool(seen, 0.05) },
      budgetTracker: budget,
      signal: controller.signal,
      maxOutputTokens: 100,
    });
    expect(run.stopReason).toBe("aborted");
    expect(LLMAbortError.isInstance(seen.reason)).toBe(true);
    expect(run.steps).toHaveLength(1);
    expect(run.toolCalls[0]).toMatchObject({ status: "aborted", costUsd: 0 });
    expect(mock.requests).toHaveLength(1);
    // The model call was charged, the tool's $0.05 hold released.
    expect(budget.spent).toBeCloseTo(run.steps[0]!.costUsd!, 12);
    expect(budget.reserved).toBe(0);
  });

  it("a tool that ignores its signal is not waited for; a late ctx.charge is refused", async () => {
    const controller = new AbortController();
    let lateCharge: unknown;
    let finish!: () => void;
    const stubborn = tool({
      description: "Ignores the signal",
      input: z.object({}),
      costUsd: 0.01,
      execute: async (_input, ctx) => {
        controller.abort();
        await new Promise<void>((resolve) => {
          finish = resolve;
        });
        try {
          ctx.charge(0.01);
        } catch (error) {
          lateCharge = error;
        }
        return "late";
      },
    });
    const budget = new BudgetTracker({ total: 1 });
    const mock = new MockAdapter({ steps: [{ toolCalls: [{ name: "stubborn", arguments: {} }] }] });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "go",
      tools: { stubborn },
      budgetTracker: budget,
      signal: controller.signal,
      maxOutputTokens: 100,
    });
    expect(run.stopReason).toBe("aborted");
    expect(budget.reserved).toBe(0);
    finish();
    await new Promise((r) => setTimeout(r, 0));
    expect(lateCharge).toBeInstanceOf(Error);
    expect(budget.spent).toBeCloseTo(run.steps[0]!.costUsd!, 12);
  });

  it("abort during a model call cancels it (core releases its hold)", async () => {
    const controller = new AbortController();
    const budget = new BudgetTracker({ total: 1 });
    const mock = new MockAdapter({
      steps: [
        () => {
          setImmediate(() => controller.abort());
          return { text: "too late", latencyMs: 60_000 };
        },
      ],
    });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "go",
      budgetTracker: budget,
      signal: controller.signal,
    });
    expect(run.stopReason).toBe("aborted");
    expect(run.steps).toEqual([]);
    expect(budget.spent).toBe(0);
    expect(budget.reserved).toBe(0);
  });

  it("timeoutMs: the run's deadline stops a tool with 'timeout' and a typed reason", async () => {
    // The deadline's timer is faked and fired once the tool runs: no race with a loaded machine.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      let started!: () => void;
      const toolStarted = new Promise<void>((resolve) => {
        started = resolve;
      });
      const seen: { reason?: unknown; started: () => void } = { started: () => started() };
      const mock = new MockAdapter({ steps: [{ toolCalls: [{ name: "wait", arguments: {} }] }] });
      const budget = new BudgetTracker({ total: 1 });
      const pending = runAgent({
        adapter: mock,
        model: "mock-small",
        prompt: "go",
        tools: { wait: waitingTool(seen, 0.02) },
        budgetTracker: budget,
        timeoutMs: 5_000,
        maxOutputTokens: 100,
      });
      await toolStarted;
      expect(budget.reserved).toBeGreaterThanOrEqual(0.02);
      vi.advanceTimersByTime(5_000);
      const run = await pending;
      expect(run.stopReason).toBe("timeout");
      expect(LLMTimeoutError.isInstance(seen.reason)).toBe(true);
      expect(budget.reserved).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("timeoutMs: the deadline cancels an in-flight model call with 'timeout'", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      let sent!: () => void;
      const callSent = new Promise<void>((resolve) => {
        sent = resolve;
      });
      const budget = new BudgetTracker({ total: 1 });
      const mock = new MockAdapter({
        steps: [
          () => {
            sent();
            return { text: "too late", latencyMs: 60_000 };
          },
        ],
      });
      const pending = runAgent({
        adapter: mock,
        model: "mock-small",
        prompt: "go",
        budgetTracker: budget,
        timeoutMs: 5_000,
      });
      await callSent;
      vi.advanceTimersByTime(5_000);
      const run = await pending;
      expect(run.stopReason).toBe("timeout");
      expect(run.steps).toEqual([]);
      expect(budget.spent).toBe(0);
      expect(budget.reserved).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("an already-aborted signal: 'aborted' before any call; the final-answer reserve is not even taken", async () => {
    const mock = new MockAdapter();
    const budget = new BudgetTracker({ total: 1 });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "go",
      budgetTracker: budget,
      signal: AbortSignal.abort(),
      finalAnswer: { reserveUsd: 0.1 },
    });
    expect(run.stopReason).toBe("aborted");
    expect(mock.requests).toHaveLength(0);
    expect(budget.reserved).toBe(0);
  });

  it("abort releases the final-answer reserve and makes no final call", async () => {
    const controller = new AbortController();
    const seen: { reason?: unknown; started: () => void } = { started: () => controller.abort() };
    const budget = new BudgetTracker({ total: 1 });
    const mock = new MockAdapter({ steps: [{ toolCalls: [{ name: "wait", arguments: {} }] }] });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "go",
      tools: { wait: waitingTool(seen) },
      budgetTracker: budget,
      signal: controller.signal,
      finalAnswer: { reserveUsd: 0.1 },
      maxOutputTokens: 100,
    });
    expect(run.stopReason).toBe("aborted");
    expect(mock.requests).toHaveLength(1);
    expect(budget.reserved).toBe(0);
    expect(budget.spent).toBeCloseTo(run.steps[0]!.costUsd!, 12);
  });
});
