import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentChainOutcome, runAgentChain } from "../src/agent-chain.js";
import { formatAgentChainSummary, formatAgentStep } from "../src/agent-chain-report.js";
import { createDemoProviders, type DemoProviders } from "../src/providers.js";

describe("the demo's A → B → C on runAgent, offline", () => {
  let providers: DemoProviders;
  let outcome: AgentChainOutcome;
  const lines: string[] = [];

  beforeAll(async () => {
    // No keys: every provider runs against the local simulator, over the real SDKs.
    providers = await createDemoProviders({});
    outcome = await runAgentChain(providers, {
      onStep: (agent, step) => lines.push(formatAgentStep(agent, step)),
    });
  });
  afterAll(() => providers.close());

  it("A's tool runs B as a sub-agent, B's tool runs C; every loop ends with an answer", () => {
    expect(outcome.runs.map((r) => [r.agent, r.run.stopReason])).toEqual([
      ["C", "done"],
      ["B", "done"],
      ["A", "done"],
    ]);
    const steps = (agent: string) => outcome.runs.find((r) => r.agent === agent)!.run.steps;
    expect(steps("A").map((s) => s.provider)).toEqual(["gemini", "gemini"]);
    expect(steps("B").map((s) => s.provider)).toEqual(["gemini", "gemini"]);
    expect(steps("C").map((s) => s.provider)).toEqual(["openrouter"]);
    expect(steps("A")[0]!.toolCalls.map((c) => [c.name, c.status])).toEqual([["research", "ok"]]);
    expect(steps("B")[0]!.toolCalls.map((c) => [c.name, c.status])).toEqual([["write", "ok"]]);
    // B's tool result is C's answer; A's is B's.
    expect(steps("B")[0]!.toolCalls[0]!.output).toBe(outcome.runs[0]!.run.text);
    expect(steps("A")[0]!.toolCalls[0]!.output).toBe(outcome.runs[1]!.run.text);
    expect(lines).toHaveLength(5);
    // A step is reported once its tools are done: the innermost loop's first.
    expect(lines.map((l) => l.slice(0, 5))).toEqual(["  C  ", "  B  ", "  B  ", "  A  ", "  A  "]);
    expect(lines[3]).toMatch(
      /^ {2}A {2}gemini step 1: calls research \(ok\) — \d+ in \/ \d+ out, \$0\.\d{6}$/,
    );
  });

  it("every cap of the tree holds and nothing stays reserved; A's budget holds everyone's spend", () => {
    const [c, b, a] = outcome.runs.map((r) => r.budget);
    for (const budget of [a!, b!, c!]) {
      expect(budget.spent).toBeGreaterThan(0);
      expect(budget.spent).toBeLessThanOrEqual(budget.total);
      expect(budget.reserved).toBe(0);
    }
    expect(c!.parent).toBe(b);
    expect(b!.parent).toBe(a);
    const own = (agent: string) => outcome.runs.find((r) => r.agent === agent)!.run.costUsd!;
    expect(c!.spent).toBeCloseTo(own("C"), 9);
    expect(b!.spent).toBeCloseTo(own("B") + own("C"), 9);
    expect(a!.spent).toBeCloseTo(own("A") + own("B") + own("C"), 9);
    expect(formatAgentChainSummary(outcome)[0]).toBe("  stop reasons: A done, B done, C done");
  });
});
