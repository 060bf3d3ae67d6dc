import { BudgetTracker, tool } from "@llmc/core";
import { OpenRouterAdapter } from "@llmc/openrouter";
import { type RecordedRequest, type Simulator, startSimulator } from "@llmc/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type AgentRun, runAgent } from "../src/index.js";
import { GEMINI, type SimulatedProvider } from "./support/simulated-providers.js";

/**
 * A sub-agent tree 3 deep, through the real adapters against the simulator: A delegates to B on
 * a child budget, B delegates to C (OpenRouter) on a child of B's. A and B call tools, so they
 * run on the adapter that supports tools in this build (Gemini; the OpenAI adapter gets tools
 * from the openai-compatible wire); C needs none. Each level's cap holds; spend rolls up;
 * nothing stays reserved.
 */
const [A_PROVIDER, B_PROVIDER] = [GEMINI, GEMINI];
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim?.close();
});

/** The task a Gemini request started from (its first user turn). */
const firstText = (request: RecordedRequest) =>
  (
    (request.body as { contents?: { parts?: { text?: string }[] }[] } | undefined)?.contents?.[0]
      ?.parts ?? []
  )
    .map((p) => p.text ?? "")
    .join("");

/**
 * A and B as delegating models on one provider: each calls `delegate` until a tool result came
 * back, then answers with it; B is the one whose task is A's sub-task.
 */
function scriptDelegation(provider: SimulatedProvider) {
  sim.setDefault(provider.name, (request: RecordedRequest) => {
    const label = firstText(request).includes("A's sub-task") ? "B" : "A";
    return provider.toolResults(request) === 0
      ? {
          toolCalls: [{ name: "delegate", arguments: { task: `${label}'s sub-task` } }],
          usage: { outputTokens: 30 },
        }
      : { text: `${label} reports what its delegate found.`, usage: { outputTokens: 30 } };
  });
}

describe("runAgent: a sub-agent tree 3 deep with child caps (Gemini → Gemini → OpenRouter)", () => {
  it("each level runs on ctx.budget.child({ total }); every cap holds and spend rolls up", async () => {
    const [a, b] = [A_PROVIDER, B_PROVIDER];
    scriptDelegation(a);
    sim.setDefault("openrouter", { text: "C found the fact.", usage: { outputTokens: 20 } });
    const root = new BudgetTracker({ total: 0.05, name: "A" });
    const budgets: BudgetTracker[] = [root];
    const runs: Record<string, AgentRun> = {};

    const leaf = tool({
      description: "Ask C",
      input: z.object({ task: z.string() }),
      execute: async ({ task }, ctx) => {
        const budget = ctx.budget!.child({ total: 0.004, name: "C" });
        budgets.push(budget);
        runs.C = await runAgent({
          adapter: new OpenRouterAdapter({
            apiKey: "sk-test",
            baseURL: sim.openrouter.baseURL,
            maxRetries: 0,
          }),
          model: "openai/gpt-4o-mini",
          prompt: task,
          budgetTracker: budget,
          maxOutputTokens: 200,
        });
        return runs.C.text;
      },
    });
    const middle = tool({
      description: "Ask B",
      input: z.object({ task: z.string() }),
      execute: async ({ task }, ctx) => {
        const budget = ctx.budget!.child({ total: 0.01, name: "B" });
        budgets.push(budget);
        runs.B = await runAgent({
          adapter: b.adapter(sim),
          model: b.model,
          prompt: task,
          tools: { delegate: leaf },
          budgetTracker: budget,
          maxOutputTokens: 200,
          ...(b.callOptions ? { callOptions: b.callOptions } : {}),
        });
        return runs.B.text;
      },
    });
    runs.A = await runAgent({
      adapter: a.adapter(sim),
      model: a.model,
      prompt: "Find the fact.",
      tools: { delegate: middle },
      budgetTracker: root,
      maxOutputTokens: 200,
      ...(a.callOptions ? { callOptions: a.callOptions } : {}),
    });

    expect([runs.A, runs.B, runs.C].map((r) => r?.stopReason)).toEqual(["done", "done", "done"]);
    expect(runs.A.steps.map((s) => s.provider)).toEqual([a.name, a.name]);
    expect(runs.B!.steps.map((s) => s.provider)).toEqual([b.name, b.name]);
    expect(runs.C!.steps.map((s) => s.provider)).toEqual(["openrouter"]);
    expect(runs.B!.toolCalls[0]!.output).toBe("C found the fact.");
    // The tree: C under B under A, ids parent/child.
    const [rootBudget, bBudget, cBudget] = budgets;
    expect(cBudget!.parent).toBe(bBudget);
    expect(bBudget!.parent).toBe(rootBudget);
    for (const budget of budgets) {
      expect(budget.spent).toBeGreaterThan(0);
      expect(budget.spent).toBeLessThanOrEqual(budget.total);
      expect(budget.reserved).toBe(0);
    }
    expect(cBudget!.spent).toBeCloseTo(runs.C!.costUsd!, 12);
    expect(bBudget!.spent).toBeCloseTo(runs.B!.costUsd! + runs.C!.costUsd!, 12);
    expect(rootBudget!.spent).toBeCloseTo(
      runs.A.costUsd! + runs.B!.costUsd! + runs.C!.costUsd!,
      12,
    );
  });

  it("a child cap too small for C stops C with 'budget'; B and A still answer", async () => {
    const [a, b] = [A_PROVIDER, B_PROVIDER];
    scriptDelegation(a);
    const root = new BudgetTracker({ total: 0.05 });
    let cRun: AgentRun | undefined;
    const leaf = tool({
      description: "Ask C",
      input: z.object({ task: z.string() }),
      execute: async ({ task }, ctx) => {
        cRun = await runAgent({
          adapter: new OpenRouterAdapter({
            apiKey: "sk-test",
            baseURL: sim.openrouter.baseURL,
            maxRetries: 0,
          }),
          model: "openai/gpt-4o-mini",
          prompt: task,
          budgetTracker: ctx.budget!.child({ total: 0.00001, name: "C" }),
          maxOutputTokens: 2_000,
        });
        return `C stopped: ${cRun.stopReason}`;
      },
    });
    const before = sim.requestCount("openrouter");
    const run = await runAgent({
      adapter: a.adapter(sim),
      model: a.model,
      prompt: "Find the fact.",
      budgetTracker: root,
      maxOutputTokens: 200,
      ...(a.callOptions ? { callOptions: a.callOptions } : {}),
      tools: {
        delegate: tool({
          description: "Ask B",
          input: z.object({ task: z.string() }),
          execute: async ({ task }, ctx) =>
            (
              await runAgent({
                adapter: b.adapter(sim),
                model: b.model,
                prompt: task,
                tools: { delegate: leaf },
                budgetTracker: ctx.budget!.child({ total: 0.01, name: "B" }),
                maxOutputTokens: 200,
                ...(b.callOptions ? { callOptions: b.callOptions } : {}),
              })
            ).text,
        }),
      },
    });
    expect(cRun?.stopReason).toBe("budget");
    // C's call was refused before it was sent.
    expect(sim.requestCount("openrouter")).toBe(before);
    expect(run.stopReason).toBe("done");
    expect(root.reserved).toBe(0);
  });
});
