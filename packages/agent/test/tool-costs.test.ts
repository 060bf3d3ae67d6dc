import { BudgetTracker, LLMConfigError, tool } from "@llmc/core";
import { MockAdapter } from "@llmc/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAgent } from "../src/index.js";

/** One step calling `name` with `input`, then an answer. */
const oneCall = (name: string, input: unknown = {}) =>
  new MockAdapter({ steps: [{ toolCalls: [{ name, arguments: input }] }, { text: "done" }] });

const base = { model: "mock-small", prompt: "go", maxOutputTokens: 100 } as const;

describe("runAgent: tools with costs", () => {
  it("reserves a tool's costUsd on the run's budget before execute, and charges it after", async () => {
    const budget = new BudgetTracker({ total: 1 });
    let reservedDuring = -1;
    const run = await runAgent({
      ...base,
      adapter: oneCall("search"),
      budgetTracker: budget,
      tools: {
        search: tool({
          description: "Paid search",
          input: z.object({}),
          costUsd: 0.005,
          execute: () => {
            reservedDuring = budget.reserved;
            return "hits";
          },
        }),
      },
    });
    expect(reservedDuring).toBeCloseTo(0.005, 12);
    expect(run.toolCalls[0]).toMatchObject({ status: "ok", costUsd: 0.005 });
    const modelCost = run.steps.reduce((a, s) => a + s.costUsd!, 0);
    expect(budget.spent).toBeCloseTo(modelCost + 0.005, 12);
    expect(run.costUsd).toBeCloseTo(modelCost + 0.005, 12);
    expect(budget.reserved).toBe(0);
  });

  it("a costUsd function of the input is reserved, and ctx.charge settles the real amount", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const seen: number[] = [];
    const run = await runAgent({
      ...base,
      adapter: oneCall("fetch", { pages: 4 }),
      budgetTracker: budget,
      tools: {
        fetch: tool({
          description: "Fetch pages",
          input: z.object({ pages: z.number() }),
          costUsd: ({ pages }) => pages * 0.001,
          execute: ({ pages }, ctx) => {
            seen.push(budget.reserved);
            ctx.charge(0.001);
            ctx.charge(0.0005);
            return `${pages} pages`;
          },
        }),
      },
    });
    expect(seen[0]).toBeCloseTo(0.004, 12);
    expect(run.toolCalls[0]).toMatchObject({ status: "ok", costUsd: 0.0015 });
    const modelCost = run.steps.reduce((a, s) => a + s.costUsd!, 0);
    expect(budget.spent).toBeCloseTo(modelCost + 0.0015, 12);
  });

  it("a tool call that does not fit is not executed; the model is told, the run goes on", async () => {
    const budget = new BudgetTracker({ total: 0.003 });
    let executed = false;
    const mock = oneCall("expensive");
    const run = await runAgent({
      ...base,
      adapter: mock,
      budgetTracker: budget,
      tools: {
        expensive: tool({
          description: "Costly",
          input: z.object({}),
          costUsd: 0.01,
          execute: () => {
            executed = true;
            return "never";
          },
        }),
      },
    });
    expect(executed).toBe(false);
    expect(run.toolCalls[0]!.status).toBe("refused");
    expect(run.toolCalls[0]!.costUsd).toBe(0);
    expect(run.stopReason).toBe("done");
    const told = mock.requests[1]!.messages.at(-1)!;
    expect(told).toMatchObject({ role: "tool" });
    expect(told.content).toMatch(/Not run: .*costs \$0\.01, more than the budget has free/);
    expect(budget.reserved).toBe(0);
  });

  it("a tool that throws is charged what it charged, else released", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const mock = new MockAdapter({
      steps: [
        {
          toolCalls: [
            { name: "flaky", arguments: { charge: true } },
            { name: "flaky", arguments: { charge: false } },
          ],
        },
        { text: "done" },
      ],
    });
    const run = await runAgent({
      ...base,
      adapter: mock,
      budgetTracker: budget,
      tools: {
        flaky: tool({
          description: "Fails",
          input: z.object({ charge: z.boolean() }),
          costUsd: 0.01,
          execute: ({ charge }, ctx) => {
            if (charge) ctx.charge(0.002);
            throw new Error("upstream 500");
          },
        }),
      },
    });
    expect(run.toolCalls.map((c) => [c.status, c.costUsd])).toEqual([
      ["error", 0.002],
      ["error", 0],
    ]);
    const modelCost = run.steps.reduce((a, s) => a + s.costUsd!, 0);
    expect(budget.spent).toBeCloseTo(modelCost + 0.002, 12);
    expect(budget.reserved).toBe(0);
  });

  it("ctx.charge beyond the declared costUsd, or without one, is refused (the cap must hold)", async () => {
    const errors: unknown[] = [];
    const mock = new MockAdapter({
      steps: [
        {
          toolCalls: [
            { name: "over", arguments: {} },
            { name: "undeclared", arguments: {} },
          ],
        },
        { text: "done" },
      ],
    });
    const run = await runAgent({
      ...base,
      adapter: mock,
      budgetTracker: new BudgetTracker({ total: 1 }),
      tools: {
        over: tool({
          description: "Charges too much",
          input: z.object({}),
          costUsd: 0.001,
          execute: (_i, ctx) => {
            try {
              ctx.charge(0.002);
            } catch (error) {
              errors.push(error);
            }
            return "ok";
          },
        }),
        undeclared: tool({
          description: "Charges without declaring",
          input: z.object({}),
          execute: (_i, ctx) => {
            try {
              ctx.charge(0.001);
            } catch (error) {
              errors.push(error);
            }
            return "ok";
          },
        }),
      },
    });
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => LLMConfigError.isInstance(e))).toBe(true);
    const messages = errors.map((e) => (e as Error).message).sort();
    expect(messages[0]).toMatch(/^Tool `over` charged \$0\.002 but declares costUsd \$0\.001/);
    expect(messages[1]).toMatch(/^Tool `undeclared` charged \$0\.001 but declares costUsd none/);
    // Neither charge happened: the declared amount (returned normally) and nothing.
    expect(run.toolCalls.map((c) => c.costUsd)).toEqual([0.001, 0]);
  });

  it("a costUsd that is not a finite amount ≥ 0 is a tool error, not a reservation", async () => {
    const run = await runAgent({
      ...base,
      adapter: oneCall("bad"),
      budgetTracker: new BudgetTracker({ total: 1 }),
      tools: {
        bad: tool({
          description: "Bad price",
          input: z.object({}),
          costUsd: () => Number.NaN,
          execute: () => "x",
        }),
      },
    });
    expect(run.toolCalls[0]).toMatchObject({ status: "error" });
    expect(run.toolCalls[0]!.error).toMatch(/costUsd NaN/);
  });
});
