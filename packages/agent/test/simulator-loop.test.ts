import { BudgetTracker, tool } from "@llmc/core";
import { type RecordedRequest, type Simulator, startSimulator } from "@llmc/testing";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { runAgent } from "../src/index.js";
import { GEMINI, OPENAI, rates, type SimulatedProvider } from "./support/simulated-providers.js";

/**
 * The loop through the real adapters and SDKs, over HTTP, against the simulator: every model
 * call is a real request the simulator answers in the provider's own wire format, on OpenAI
 * (Chat Completions, through @llmc/openai-compatible) and Gemini.
 */
const PROVIDERS: readonly SimulatedProvider[] = [OPENAI, GEMINI];

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.reset();
});

const lookup = tool({
  description: "Look up a record by id",
  input: z.object({ id: z.number().int() }),
  execute: ({ id }) => ({ id, status: id % 2 === 0 ? "open" : "closed" }),
});

const requestsOf = (provider: SimulatedProvider) =>
  sim.requests.filter((r) => r.provider === provider.name);

describe.each(PROVIDERS)("runAgent through $name against the simulator", (provider) => {
  it("the adapter supports tools", () => {
    expect(provider.adapter(sim).capabilities.tools).toBe(true);
  });

  it("runs a 3-step loop: tool results go back over the wire, the answer ends it", async () => {
    sim.script(
      provider.name,
      { toolCalls: [{ name: "lookup", arguments: { id: 1 } }] },
      { toolCalls: [{ name: "lookup", arguments: { id: 2 } }] },
      { text: "Record 1 is closed, record 2 is open." },
    );
    const budget = new BudgetTracker({ total: 0.05 });
    const run = await runAgent({
      adapter: provider.adapter(sim),
      model: provider.model,
      instructions: "You look records up.",
      prompt: "What is the status of records 1 and 2?",
      tools: { lookup },
      budgetTracker: budget,
      maxOutputTokens: 200,
      ...(provider.callOptions ? { callOptions: provider.callOptions } : {}),
    });
    expect(run.stopReason).toBe("done");
    expect(run.text).toBe("Record 1 is closed, record 2 is open.");
    expect(run.steps.map((s) => s.provider)).toEqual([provider.name, provider.name, provider.name]);
    expect(run.toolCalls.map((c) => [c.input, c.output])).toEqual([
      [{ id: 1 }, { id: 1, status: "closed" }],
      [{ id: 2 }, { id: 2, status: "open" }],
    ]);
    const sent = requestsOf(provider);
    expect(sent).toHaveLength(3);
    expect(sent.map((r) => provider.toolResults(r))).toEqual([0, 1, 2]);
    expect(new Set(sent.map((r) => provider.systemPrompt(r)))).toEqual(
      new Set(["You look records up."]),
    );
    expect(budget.spent).toBeCloseTo(run.costUsd!, 12);
    expect(budget.reserved).toBe(0);
  });

  it("a loop that would run 50 steps on a budget that allows 7 stops with 'budget'; the final answer comes from the reserve", async () => {
    const { input, output } = rates(sim, provider);
    // Each step bills 10 input + 450 output tokens (explicit usage) and reserves its byte bound
    // + 500 output tokens: the output dominates, so the count of steps the money pays for is
    // exact: after 7 steps what is left (≈ the output part of one reservation) cannot cover an 8th.
    const stepCost = 10 * input + 450 * output;
    const reserveUsd = 0.01;
    const total = 7 * stepCost + 500 * output + reserveUsd;
    const onRequest = (request: RecordedRequest) =>
      provider.toolsOff(request)
        ? { text: "Final: seven lookups done, the rest left undone." }
        : {
            toolCalls: [{ name: "lookup", arguments: { id: 3 } }],
            usage: { inputTokens: 10, outputTokens: 450 },
          };
    sim.setDefault(provider.name, onRequest);
    const budget = new BudgetTracker({ total });
    const run = await runAgent({
      adapter: provider.adapter(sim),
      model: provider.model,
      prompt: "Look up record 3, again and again.",
      tools: { lookup },
      budgetTracker: budget,
      maxSteps: 50,
      maxOutputTokens: 500,
      finalAnswer: { reserveUsd },
      ...(provider.callOptions ? { callOptions: provider.callOptions } : {}),
    });
    expect(run.stopReason).toBe("budget");
    expect(run.steps.filter((s) => s.kind === "model")).toHaveLength(7);
    expect(run.steps.at(-1)!.kind).toBe("final-answer");
    expect(run.text).toBe("Final: seven lookups done, the rest left undone.");
    // 7 steps and the final answer reached the provider; the refused 8th step did not.
    expect(requestsOf(provider)).toHaveLength(8);
    expect(provider.toolsOff(requestsOf(provider).at(-1)!)).toBe(true);
    expect(budget.spent).toBeLessThanOrEqual(budget.total);
    expect(budget.spent).toBeCloseTo(run.costUsd!, 12);
    expect(budget.reserved).toBe(0);
  });

  it("tools with costs reserve before they run; one that does not fit is not run", async () => {
    let executed = 0;
    const paid = tool({
      description: "A paid lookup",
      input: z.object({ id: z.number() }),
      costUsd: ({ id }) => (id === 99 ? 1 : 0.002),
      execute: ({ id }, ctx) => {
        executed++;
        ctx.charge(0.0015);
        return { id };
      },
    });
    sim.script(
      provider.name,
      {
        toolCalls: [
          { name: "paid", arguments: { id: 1 } },
          { name: "paid", arguments: { id: 99 } },
        ],
      },
      { text: "One lookup was too expensive." },
    );
    const budget = new BudgetTracker({ total: 0.05 });
    const run = await runAgent({
      adapter: provider.adapter(sim),
      model: provider.model,
      prompt: "Look up 1 and 99.",
      tools: { paid },
      budgetTracker: budget,
      maxOutputTokens: 200,
      ...(provider.callOptions ? { callOptions: provider.callOptions } : {}),
    });
    expect(executed).toBe(1);
    expect(run.toolCalls.map((c) => [c.status, c.costUsd])).toEqual([
      ["ok", 0.0015],
      ["refused", 0],
    ]);
    const modelCost = run.steps.reduce((sum, s) => sum + s.costUsd!, 0);
    expect(budget.spent).toBeCloseTo(modelCost + 0.0015, 12);
    expect(budget.reserved).toBe(0);
  });

  it("abort mid-tool: the tool's signal fires, the run returns the partial result, nothing stays reserved", async () => {
    const controller = new AbortController();
    let toolSignalFired = false;
    const slow = tool({
      description: "A slow lookup",
      input: z.object({ id: z.number() }),
      costUsd: 0.003,
      execute: (_input, ctx) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener("abort", () => {
            toolSignalFired = true;
            reject(ctx.signal.reason);
          });
          controller.abort();
        }),
    });
    sim.script(
      provider.name,
      { toolCalls: [{ name: "slow", arguments: { id: 5 } }] },
      { text: "never sent" },
    );
    const budget = new BudgetTracker({ total: 0.05 });
    const run = await runAgent({
      adapter: provider.adapter(sim),
      model: provider.model,
      prompt: "Look up 5.",
      tools: { slow },
      budgetTracker: budget,
      signal: controller.signal,
      maxOutputTokens: 200,
      finalAnswer: { reserveUsd: 0.005 },
      ...(provider.callOptions ? { callOptions: provider.callOptions } : {}),
    });
    expect(run.stopReason).toBe("aborted");
    expect(toolSignalFired).toBe(true);
    expect(run.toolCalls[0]!.status).toBe("aborted");
    expect(requestsOf(provider)).toHaveLength(1);
    expect(budget.spent).toBeCloseTo(run.steps[0]!.costUsd!, 12);
    expect(budget.reserved).toBe(0);
  });

  it("property: parallel tool calls under a tight budget never pass a cap and leave nothing reserved", async () => {
    const adapter = provider.adapter(sim);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 2, max: 30 }),
        async (stepCosts, totalMilli) => {
          sim.reset();
          const parent = new BudgetTracker({ total: totalMilli / 1_000 });
          const budget = parent.child({ total: (totalMilli * 0.8) / 1_000 });
          let overCap = false;
          const check = () => {
            for (const b of [parent, budget])
              if (b.spent + b.reserved > b.total + 1e-12) overCap = true;
          };
          let step = 0;
          sim.setDefault(provider.name, (request) => {
            check();
            const costs = provider.toolsOff(request) ? undefined : stepCosts[step++];
            return costs
              ? { toolCalls: costs.map((milli, i) => ({ name: "work", arguments: { milli, i } })) }
              : { text: "done" };
          });
          const work = tool({
            description: "Paid work",
            input: z.object({ milli: z.number(), i: z.number() }),
            costUsd: ({ milli }) => milli / 1_000,
            execute: async ({ milli }, ctx) => {
              check();
              await new Promise((r) => setTimeout(r, 1));
              ctx.charge(milli / 2_000);
              check();
              return "ok";
            },
          });
          const run = await runAgent({
            adapter,
            model: provider.model,
            prompt: "Work.",
            tools: { work },
            budgetTracker: budget,
            maxOutputTokens: 300,
            maxSteps: 6,
            fitOutput: { minOutputTokens: 50 },
            ...(provider.callOptions ? { callOptions: provider.callOptions } : {}),
          });
          check();
          expect(overCap).toBe(false);
          expect(parent.reserved).toBe(0);
          expect(budget.reserved).toBe(0);
          expect(budget.spent).toBeCloseTo(run.costUsd!, 9);
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
