import { BudgetTracker, tool } from "@llmc/core";
import { MockAdapter } from "@llmc/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAgent } from "../src/index.js";

describe("runAgent: parallel tool calls", () => {
  it("runs one step's tool calls concurrently, each reserving before it runs", async () => {
    const budget = new BudgetTracker({ total: 1 });
    let running = 0;
    let mostAtOnce = 0;
    const reservedAtStart: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = tool({
      description: "Slow",
      input: z.object({ n: z.number() }),
      costUsd: 0.01,
      execute: async ({ n }) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        reservedAtStart.push(budget.reserved);
        if (running === 3) release();
        await gate; // returns only once all three are running at the same time
        running--;
        return n * 2;
      },
    });
    const mock = new MockAdapter({
      steps: [
        { toolCalls: [1, 2, 3].map((n) => ({ name: "slow", arguments: { n } })) },
        { text: "2, 4, 6" },
      ],
    });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "double 1, 2, 3",
      tools: { slow },
      budgetTracker: budget,
      maxOutputTokens: 100,
    });
    expect(mostAtOnce).toBe(3);
    // By the time the last one ran, all three holds were on the budget.
    expect(Math.max(...reservedAtStart)).toBeCloseTo(0.03, 12);
    expect(run.toolCalls.map((c) => c.output)).toEqual([2, 4, 6]);
    // Results go back in the order of the calls.
    const tail = mock.requests[1]!.messages.slice(-3);
    expect(tail.map((m) => m.content)).toEqual(["2", "4", "6"]);
    expect(budget.reserved).toBe(0);
  });

  it("property: under a tight budget, no cap is ever passed and nothing stays reserved", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          total: fc.integer({ min: 1, max: 40 }).map((n) => n / 1_000),
          childTotal: fc.integer({ min: 1, max: 40 }).map((n) => n / 1_000),
          steps: fc.array(
            fc.array(
              fc.record({
                costMilli: fc.integer({ min: 0, max: 8 }),
                chargeMilli: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
                fails: fc.boolean(),
                delayMs: fc.integer({ min: 0, max: 3 }),
              }),
              { minLength: 1, maxLength: 5 },
            ),
            { minLength: 1, maxLength: 6 },
          ),
          finalReserveMilli: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
          fitOutput: fc.boolean(),
        }),
        async ({ total, childTotal, steps, finalReserveMilli, fitOutput }) => {
          const root = new BudgetTracker({ total, name: "root" });
          // The run is on a child: both caps must hold.
          const budget = root.child({ total: childTotal, name: "run" });
          let overCap = false;
          const check = () => {
            for (const b of [root, budget]) {
              if (b.spent + b.reserved > b.total + 1e-12) overCap = true;
            }
          };
          const specs = steps.flat();
          let next = 0;
          const mock = new MockAdapter({
            fallback: (request) => {
              check();
              const step = steps[next++];
              if (!step || request.toolChoice === "none") return { text: "answer" };
              return {
                toolCalls: step.map((_s, i) => ({
                  name: "work",
                  arguments: { spec: steps.slice(0, next - 1).flat().length + i },
                })),
              };
            },
          });
          const work = tool({
            description: "Work",
            input: z.object({ spec: z.number() }),
            costUsd: ({ spec }) => specs[spec]!.costMilli / 1_000,
            execute: async ({ spec }, ctx) => {
              const s = specs[spec]!;
              check();
              await new Promise((r) => setTimeout(r, s.delayMs));
              if (s.chargeMilli !== undefined) {
                try {
                  ctx.charge(s.chargeMilli / 1_000);
                } catch {
                  // more than declared: refused, as the cap demands
                }
              }
              check();
              if (s.fails) throw new Error("failed");
              return "ok";
            },
          });
          const run = await runAgent({
            adapter: mock,
            model: "mock-small",
            prompt: "work",
            tools: { work },
            budgetTracker: budget,
            maxSteps: 8,
            maxOutputTokens: 300,
            maxToolErrors: 100,
            fitOutput,
            ...(finalReserveMilli
              ? { finalAnswer: { reserveUsd: finalReserveMilli / 1_000 } }
              : {}),
          });
          check();
          expect(overCap).toBe(false);
          expect(root.reserved).toBe(0);
          expect(budget.reserved).toBe(0);
          expect(budget.spent).toBeLessThanOrEqual(childTotal + 1e-12);
          expect(root.spent).toBeLessThanOrEqual(total + 1e-12);
          expect(["done", "budget", "max-steps"]).toContain(run.stopReason);
          expect(run.costUsd).toBeCloseTo(budget.spent, 9);
        },
      ),
      { numRuns: 60 },
    );
  });
});
