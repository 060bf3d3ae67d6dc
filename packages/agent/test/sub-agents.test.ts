import { BudgetTracker, tool } from "@llmc/core";
import { MockAdapter } from "@llmc/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAgent } from "../src/index.js";

describe("runAgent: sub-agents on child budgets", () => {
  it("a tree 3 deep: each level on ctx.budget.child({ total }); every cap holds", async () => {
    const root = new BudgetTracker({ total: 0.05, name: "A" });
    const children: BudgetTracker[] = [];
    const delegatingModel = (provider: string) =>
      new MockAdapter({
        provider,
        fallback: (request) =>
          request.messages.at(-1)?.role === "tool"
            ? {
                text: `${provider} summary of ${request.messages.at(-1)!.content}`,
                usage: { outputTokens: 20 },
              }
            : {
                toolCalls: [{ name: "delegate", arguments: { task: "dig deeper" } }],
                usage: { outputTokens: 20 },
              },
      });
    const leaf = new MockAdapter({
      provider: "leaf",
      fallback: { text: "fact", usage: { outputTokens: 20 } },
    });

    const runLevel = async (level: number, budget: BudgetTracker): Promise<string> => {
      if (level === 3) {
        return (
          await runAgent({
            adapter: leaf,
            model: "mock-small",
            prompt: "the fact",
            budgetTracker: budget,
            maxOutputTokens: 200,
          })
        ).text;
      }
      const run = await runAgent({
        adapter: delegatingModel(`level-${level}`),
        model: "mock-small",
        prompt: "research",
        budgetTracker: budget,
        maxOutputTokens: 200,
        tools: {
          delegate: tool({
            description: "Ask a sub-agent",
            input: z.object({ task: z.string() }),
            execute: async (_input, ctx) => {
              const child = ctx.budget!.child({ total: 0.01 / level, name: `level-${level + 1}` });
              children.push(child);
              return runLevel(level + 1, child);
            },
          }),
        },
      });
      return run.text;
    };

    const text = await runLevel(1, root);
    expect(text).toMatch(/^level-1 summary of level-2 summary of fact/);
    expect(children.map((c) => c.id.split("/").length)).toEqual([2, 3]);
    for (const b of [root, ...children]) {
      expect(b.spent).toBeGreaterThan(0);
      expect(b.spent).toBeLessThanOrEqual(b.total);
      expect(b.reserved).toBe(0);
    }
    // Every level's spend is in its parent's.
    expect(root.spent).toBeGreaterThan(children[0]!.spent);
    expect(children[0]!.spent).toBeGreaterThan(children[1]!.spent);
  });

  it("a child cap that is too small stops that sub-agent with 'budget', and its parent goes on", async () => {
    const root = new BudgetTracker({ total: 1 });
    let childRun: { stopReason: string } | undefined;
    const mock = new MockAdapter({
      steps: [{ toolCalls: [{ name: "delegate", arguments: {} }] }, { text: "did without" }],
    });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "go",
      budgetTracker: root,
      maxOutputTokens: 100,
      tools: {
        delegate: tool({
          description: "Sub-agent",
          input: z.object({}),
          execute: async (_i, ctx) => {
            childRun = await runAgent({
              adapter: new MockAdapter(),
              model: "mock-small",
              prompt: "x",
              budgetTracker: ctx.budget!.child({ total: 0.00001 }),
              maxOutputTokens: 1_000,
            });
            return childRun.stopReason;
          },
        }),
      },
    });
    expect(childRun?.stopReason).toBe("budget");
    expect(run.stopReason).toBe("done");
    expect(run.toolCalls[0]!.output).toBe("budget");
  });
});
