import { type AgentRun, type AgentStep, runAgent } from "@llmc/agent";
import { BudgetTracker, tool } from "@llmc/core";
import { z } from "zod";
import type { AgentName } from "./delegation-chain.js";
import type { DemoProviders } from "./providers.js";

/** One finished run of an agent in the chain. */
export interface AgentChainRun {
  readonly agent: AgentName;
  readonly run: AgentRun;
  readonly budget: BudgetTracker;
}

export interface AgentChainOutcome {
  /** C's run first, A's last: each ends before its caller's. */
  readonly runs: readonly AgentChainRun[];
  /** The whole job's budget (A's). */
  readonly budget: BudgetTracker;
}

export interface AgentChainOptions {
  readonly totalUsd?: number;
  /** Called after each model call of each agent, its tools included. */
  readonly onStep?: (agent: AgentName, step: AgentStep) => void;
}

/**
 * The same delegation chain as tool loops on `runAgent`: orchestrator A has a `research` tool
 * that runs researcher B as a sub-agent on a child budget; B has a `write` tool that runs writer
 * C (OpenRouter) on a child of B's. A and B call tools, so both run on the Gemini adapter (the
 * one with tools in this build); C needs none. Every model call of every loop reserves before it
 * is sent, so each cap holds at each level; the tools decide nothing about money themselves.
 */
export async function runAgentChain(
  providers: DemoProviders,
  options: AgentChainOptions = {},
): Promise<AgentChainOutcome> {
  const { researcher, writer } = providers;
  const budget = new BudgetTracker({ total: options.totalUsd ?? 0.02, name: "A · orchestrator" });
  const runs: AgentChainRun[] = [];
  const onStep = (agent: AgentName) => (step: AgentStep) => options.onStep?.(agent, step);

  const write = tool({
    description: "Ask the writer to turn research notes into a five-line summary.",
    input: z.object({ notes: z.string() }),
    execute: async ({ notes }, ctx) => {
      const c = ctx.budget!.child({ total: 0.003, name: "C · writer" });
      const run = await runAgent({
        adapter: writer.adapter,
        model: writer.model,
        instructions: "You write crisp five-line summaries.",
        prompt: `Write a five-line summary of: ${notes}`,
        budgetTracker: c,
        maxOutputTokens: 250,
        metadata: { agent: "C" },
        onStep: onStep("C"),
      });
      runs.push({ agent: "C", run, budget: c });
      return run.text;
    },
  });

  const research = tool({
    description: "Ask the researcher about a topic; it answers with a written summary.",
    input: z.object({ topic: z.string() }),
    execute: async ({ topic }, ctx) => {
      const b = ctx.budget!.child({ total: 0.008, name: "B · researcher" });
      const run = await runAgent({
        adapter: researcher.adapter,
        model: researcher.model,
        instructions: "You research a topic, then have the writer summarise your notes.",
        prompt: topic,
        tools: { write },
        budgetTracker: b,
        maxOutputTokens: 300,
        // Thinking off: otherwise each reservation must cover Flash's 24,576-token thinking budget.
        callOptions: { thinkingBudget: 0 },
        metadata: { agent: "B" },
        onStep: onStep("B"),
      });
      runs.push({ agent: "B", run, budget: b });
      return run.text;
    },
  });

  const run = await runAgent({
    adapter: researcher.adapter,
    model: researcher.model,
    instructions: "You orchestrate a short report: have the researcher do the work, then answer.",
    prompt: "Write a short report on hard spending caps for LLM agents.",
    tools: { research },
    budgetTracker: budget,
    maxSteps: 4,
    maxOutputTokens: 300,
    finalAnswer: { reserveUsd: 0.002 },
    callOptions: { thinkingBudget: 0 },
    metadata: { agent: "A" },
    onStep: onStep("A"),
  });
  runs.push({ agent: "A", run, budget });
  return { runs, budget };
}
