import { nanosToUsd, usdToNanos } from "@llmc/core";
import type { ClaudeResult } from "./claude-output.js";

/**
 * The run's `total_cost_usd` in whole nano-dollars, the unit the budget counts in. The CLI sums
 * floats without rounding (`0.010499999999999999`); errors carry the rounded amount, so the
 * cost a caller reads is the cost the budget was charged.
 */
export function claudeReportedCost(result: ClaudeResult | undefined): number | undefined {
  const usd = result?.total_cost_usd ?? sumModelCosts(result);
  if (usd === null || usd === undefined || !Number.isFinite(usd) || usd < 0) return undefined;
  return nanosToUsd(usdToNanos(usd));
}

/**
 * Without `total_cost_usd`, the sum of `modelUsage[*].costUSD` (the CLI's per-model figures,
 * cumulative over every model call of the run, sub-agents included; `total_cost_usd` is their
 * sum whenever both are printed).
 */
function sumModelCosts(result: ClaudeResult | undefined): number | undefined {
  const entries = Object.values(result?.modelUsage ?? {});
  if (entries.length === 0 || entries.some((entry) => typeof entry.costUSD !== "number")) {
    return undefined;
  }
  return entries.reduce((sum, entry) => sum + (entry.costUSD ?? 0), 0);
}
