import type { SpendReport, SpendTotals } from "@llmc/core";
import { count, table, usd } from "../format.js";

function cells(totals: SpendTotals): string[] {
  return [
    count(totals.calls),
    count(totals.attempts),
    count(totals.inputTokens),
    count(totals.outputTokens),
    usd(totals.costUsd),
  ];
}

/** One row per group, dearest first, and an `all` row; the numbers right of the group keys. */
export function renderSpendReport(report: SpendReport): string {
  const keys = report.groupBy.map((key) => key.replace(/^metadata\./, ""));
  const header = [...keys, "calls", "attempts", "tokens in", "tokens out", "cost"];
  const rows = report.rows.map((row) => [
    ...report.groupBy.map((key) => row.group[key] ?? ""),
    ...cells(row),
  ]);
  const all = [...report.groupBy.map((_, i) => (i === 0 ? "all" : "")), ...cells(report.total)];
  if (report.groupBy.length === 0) all.unshift("all");
  if (report.groupBy.length === 0) header.unshift("");
  return table([header, ...rows, all]);
}
