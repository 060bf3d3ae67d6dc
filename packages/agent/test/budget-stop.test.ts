import { BudgetTracker, LLMBudgetExceededError, tool } from "@llmc/core";
import { MockAdapter } from "@llmc/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAgent } from "../src/index.js";

const search = tool({
  description: "Search",
  input: z.object({ q: z.string() }),
  execute: ({ q }) => `results for ${q}`,
});

/** A model that never stops calling the tool: only the budget or the step limit ends it. */
const runaway = () =>
  new MockAdapter({
    fallback: (request) => {
      if (request.toolChoice === "none") return { text: "Final: what I found so far." };
      return { toolCalls: [{ name: "search", arguments: { q: "more" } }], costUsd: 0.001 };
    },
  });

describe("runAgent: the budget ends the run, never a throw", () => {
  it("stops a 50-step runaway with 'budget' after the steps the budget allows; spent ≤ total", async () => {
    const mock = runaway();
    const budget = new BudgetTracker({ total: 0.0085 });
    // maxOutputTokens 1,000 at $1.50/M: each call reserves ~$0.0015 plus its input, bills $0.001.
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "Research forever.",
      tools: { search },
      budgetTracker: budget,
      maxSteps: 50,
      maxOutputTokens: 1_000,
    });
    expect(run.stopReason).toBe("budget");
    expect(run.steps).toHaveLength(7);
    // The refused 8th call was never sent.
    expect(mock.requests).toHaveLength(7);
    expect(budget.spent).toBeCloseTo(0.007, 12);
    expect(budget.spent).toBeLessThanOrEqual(budget.total);
    expect(budget.reserved).toBe(0);
    // The partial result: every step so far, with its tool calls.
    expect(run.toolCalls).toHaveLength(7);
    expect(run.costUsd).toBeCloseTo(0.007, 12);
  });

  it("finalAnswer keeps money aside from the first step and ends the run with an answer", async () => {
    const mock = runaway();
    const budget = new BudgetTracker({ total: 0.0085 });
    const observed: number[] = [];
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "Research forever.",
      tools: {
        search: tool({
          description: "Search",
          input: z.object({ q: z.string() }),
          execute: () => {
            observed.push(budget.reserved);
            return "results";
          },
        }),
      },
      budgetTracker: budget,
      maxSteps: 50,
      maxOutputTokens: 1_000,
      finalAnswer: { reserveUsd: 0.002 },
    });
    expect(run.stopReason).toBe("budget");
    // The reserve was held from the first step on (steps ran with $0.002 less room).
    expect(observed[0]).toBeCloseTo(0.002, 12);
    expect(run.steps.length).toBeLessThan(7);
    const last = run.steps.at(-1)!;
    expect(last.kind).toBe("final-answer");
    expect(run.text).toBe("Final: what I found so far.");
    // Tools are disabled on the final call, and the model is told why.
    const finalRequest = mock.requests.at(-1)!;
    expect(finalRequest.toolChoice).toBe("none");
    expect(finalRequest.messages.at(-1)).toMatchObject({ role: "user" });
    expect(budget.spent).toBeLessThanOrEqual(budget.total);
    expect(budget.reserved).toBe(0);
    // The final call's bill reached the run's budget.
    expect(budget.spent).toBeCloseTo(run.costUsd!, 12);
  });

  it("finalAnswer also answers when the step limit is reached", async () => {
    const mock = runaway();
    const budget = new BudgetTracker({ total: 1 });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "go",
      tools: { search },
      budgetTracker: budget,
      maxSteps: 2,
      maxOutputTokens: 500,
      finalAnswer: { reserveUsd: 0.01 },
    });
    expect(run.stopReason).toBe("max-steps");
    expect(run.steps.map((s) => s.kind)).toEqual(["model", "model", "final-answer"]);
    expect(run.text).toBe("Final: what I found so far.");
    // Step 2's unanswered tool call got a "not run" result before the final call.
    const finalMessages = mock.requests.at(-1)!.messages;
    expect(finalMessages.at(-2)).toMatchObject({ role: "tool" });
    expect(budget.reserved).toBe(0);
  });

  it("a final-answer reserve that does not fit: 'budget' before any call", async () => {
    const mock = runaway();
    const budget = new BudgetTracker({ total: 0.001 });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "go",
      tools: { search },
      budgetTracker: budget,
      finalAnswer: { reserveUsd: 0.002 },
    });
    expect(run.stopReason).toBe("budget");
    expect(run.steps).toEqual([]);
    expect(mock.requests).toHaveLength(0);
    expect(budget.reserved).toBe(0);
  });

  it("fitOutput lowers maxOutputTokens to what the budget pays for, down to the floor", async () => {
    const mock = new MockAdapter({
      steps: [{ text: "short answer", usage: { inputTokens: 10, outputTokens: 3 } }],
    });
    // 4,096 output tokens at $1.50/M reserve $0.0061; the budget has $0.001.
    const budget = new BudgetTracker({ total: 0.001 });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "Answer briefly.",
      budgetTracker: budget,
      fitOutput: true,
    });
    expect(run.stopReason).toBe("done");
    const sent = mock.requests[0]!.maxOutputTokens!;
    expect(run.steps[0]!.maxOutputTokens).toBe(sent);
    expect(sent).toBeGreaterThanOrEqual(256);
    expect(sent).toBeLessThan(4_096);
    // As high as fits: one token more would not have fitted.
    expect(mock.requests[0]!.reservedUsd!).toBeLessThanOrEqual(0.001);
    expect(mock.requests[0]!.reservedUsd! + 1.5e-6 * 3).toBeGreaterThan(0.001);
  });

  it("fitOutput stops with 'budget' when even the floor does not fit", async () => {
    const mock = new MockAdapter();
    const budget = new BudgetTracker({ total: 0.0002 });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "Answer briefly.",
      budgetTracker: budget,
      fitOutput: { minOutputTokens: 200 },
    });
    expect(run.stopReason).toBe("budget");
    expect(mock.requests).toHaveLength(0);
  });

  it("without fitOutput a call that does not fit stops the run at once", async () => {
    const mock = new MockAdapter();
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "hi",
      budgetTracker: new BudgetTracker({ total: 0.001 }),
    });
    expect(run.stopReason).toBe("budget");
    expect(mock.requests).toHaveLength(0);
  });

  it("a repair of invalid tool input that does not fit ends the run with 'budget'", async () => {
    const mock = new MockAdapter({
      steps: [
        {
          toolCalls: [{ name: "search", arguments: { q: 42 } }],
          usage: { inputTokens: 20, outputTokens: 800 },
        },
      ],
    });
    const budget = new BudgetTracker({ total: 0.002 });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "go",
      tools: { search },
      budgetTracker: budget,
      maxOutputTokens: 1_000,
    });
    expect(run.stopReason).toBe("budget");
    expect(mock.requests).toHaveLength(1);
    expect(budget.spent).toBeLessThanOrEqual(0.002);
    expect(budget.reserved).toBe(0);
  });

  it("the cap holds for model calls a tool makes on ctx.budget", async () => {
    // Billed by the price table from usage, so no call costs more than it reserved.
    const inner = new MockAdapter({ fallback: { text: "inner", usage: { outputTokens: 250 } } });
    const budget = new BudgetTracker({ total: 0.02 });
    const refusals: unknown[] = [];
    const mock = new MockAdapter({
      fallback: (request) =>
        request.toolChoice === "none"
          ? { text: "end" }
          : { toolCalls: [{ name: "ask", arguments: {} }], usage: { outputTokens: 250 } },
    });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "go",
      budgetTracker: budget,
      maxSteps: 50,
      maxOutputTokens: 300,
      tools: {
        ask: tool({
          description: "Ask another model",
          input: z.object({}),
          execute: async (_input, ctx) => {
            try {
              return (
                await inner.executePrompt("q", {
                  model: "mock-small",
                  maxOutputTokens: 300,
                  budgetTracker: ctx.budget!,
                })
              ).text;
            } catch (error) {
              refusals.push(error);
              throw error;
            }
          },
        }),
      },
    });
    expect(run.stopReason).toBe("budget");
    expect(budget.spent).toBeLessThanOrEqual(0.02);
    expect(budget.reserved).toBe(0);
    expect(refusals.every((e) => LLMBudgetExceededError.isInstance(e))).toBe(true);
    expect(inner.requests.length).toBeGreaterThan(5);
  });
});
