import { nanosToUsd, type SpendReport } from "@llmc/core";
import type { ChainBudgets, ChainStep } from "../delegation-chain.js";

const usd = (nanos: number) => `$${nanosToUsd(nanos).toFixed(6)}`;

/** What the table reads from the spend ledger: spend by budget and provider. */
export const AGENT_REPORT_GROUPS = ["budget", "provider"] as const;

/**
 * One row per agent, from the spend ledger (`ledger.report({ groupBy: AGENT_REPORT_GROUPS })`):
 * provider, calls, tokens and cost of the agent's own budget; `refused` counts the calls its
 * budget refused before sending (those never reach the ledger: nothing was spent).
 */
export function agentCostTable(
  report: SpendReport,
  steps: readonly ChainStep[],
  budgets: ChainBudgets,
): string {
  const agentOf = new Map([
    [budgets.a.id, "A"],
    [budgets.b.id, "B"],
    [budgets.c.id, "C"],
  ]);
  const agents = [...new Set(steps.map((s) => s.agent))];
  const sum = (rows: SpendReport["rows"], pick: (row: SpendReport["rows"][number]) => number) =>
    rows.reduce((total, row) => total + pick(row), 0);
  const refusedBy = (agent?: string) =>
    steps.filter((s) => s.refused && (agent === undefined || s.agent === agent)).length;
  const rows = agents.map((agent) => {
    const mine = report.rows.filter((row) => agentOf.get(row.group.budget ?? "") === agent);
    return [
      agent,
      [...new Set(mine.map((row) => row.group.provider))].join(", "),
      String(sum(mine, (row) => row.calls)),
      String(refusedBy(agent)),
      String(sum(mine, (row) => row.inputTokens)),
      String(sum(mine, (row) => row.outputTokens)),
      usd(sum(mine, (row) => row.costNanos)),
    ];
  });
  const { total } = report;
  const header = ["agent", "provider", "calls", "refused", "tokens in", "tokens out", "cost"];
  const all = [
    header,
    ...rows,
    [
      "all",
      "",
      String(total.calls),
      String(refusedBy()),
      String(total.inputTokens),
      String(total.outputTokens),
      usd(total.costNanos),
    ],
  ];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all
    .map((row) =>
      row
        .map((cell, i) => (i >= 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
