import type { BudgetTracker } from "@llmc/core";
import type { ChainStep } from "./delegation-chain.js";

const usd = (amount: number | undefined) =>
  amount === undefined ? "unknown" : `$${amount.toFixed(6)}`;

export function formatStep(step: ChainStep): string {
  if (step.refused) return `  ${step.agent}  ${step.what}: REFUSED by ${step.refused.budgetName}`;
  const r = step.result!;
  const text = r.text.replace(/\s+/g, " ").slice(0, 60);
  return (
    `  ${step.agent}  ${step.what}: ${r.usage.inputTokens} in / ${r.usage.outputTokens} out, ` +
    `${usd(r.costUsd)} (${r.costSource}) — "${text}${r.text.length > 60 ? "…" : ""}"`
  );
}

export function formatBudgetTable(trackers: readonly BudgetTracker[]): string {
  const rows = trackers.map((t) => [
    t.name ?? t.id,
    usd(t.total),
    usd(t.spent),
    usd(t.reserved),
    usd(t.remaining()),
  ]);
  const header = ["budget", "total", "spent", "reserved", "remaining"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}
