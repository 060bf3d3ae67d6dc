import type { AgentStep } from "@llmc/agent";
import type { AgentChainOutcome } from "./agent-chain.js";
import type { AgentName } from "./delegation-chain.js";

const usd = (amount: number | undefined) =>
  amount === undefined ? "unknown" : `$${amount.toFixed(6)}`;

/** One model call of one agent's loop: what it did, its tokens and cost. */
export function formatAgentStep(agent: AgentName, step: AgentStep): string {
  const did =
    step.toolCalls.length > 0
      ? `calls ${step.toolCalls.map((c) => `${c.name} (${c.status})`).join(", ")}`
      : `answers "${step.text.replace(/\s+/g, " ").slice(0, 50)}${step.text.length > 50 ? "…" : ""}"`;
  return (
    `  ${agent}  ${step.provider} step ${step.index}: ${did} — ` +
    `${step.usage.inputTokens} in / ${step.usage.outputTokens} out, ${usd(step.costUsd)}`
  );
}

/** How each loop ended and what each budget of the tree spent. */
export function formatAgentChainSummary(outcome: AgentChainOutcome): string[] {
  const ordered = [...outcome.runs].sort((x, y) => x.agent.localeCompare(y.agent));
  return [
    `  stop reasons: ${ordered.map((r) => `${r.agent} ${r.run.stopReason}`).join(", ")}`,
    ...ordered.map(
      (r) =>
        `  ${(r.budget.name ?? r.budget.id).padEnd(18)} spent ${usd(r.budget.spent)} of ` +
        `${usd(r.budget.total)}, reserved ${usd(r.budget.reserved)}`,
    ),
  ];
}
