import type { BudgetState } from "@llmc/core";
import type { Palette } from "../color.js";
import { table, usd } from "../format.js";
import type { BudgetTreeNode } from "./budget-tree.js";

const BAR_WIDTH = 24;

/**
 * A bar of `width` cells: spent (█), then held by calls in flight (▒), then free (░). Rounded so
 * any spend shows at least one cell, and a full budget fills the bar.
 */
export function budgetBar(
  state: Pick<BudgetState, "total" | "spent" | "reserved">,
  color: Palette,
  width = BAR_WIDTH,
): string {
  const cells = (usdAmount: number) =>
    state.total <= 0
      ? 0
      : Math.min(width, Math.ceil((Math.max(0, usdAmount) / state.total) * width - 1e-9));
  const spent = cells(state.spent);
  const held = Math.min(width - spent, cells(state.reserved));
  const free = width - spent - held;
  const used = state.total > 0 ? (state.spent + state.reserved) / state.total : 1;
  const paint = used >= 1 ? color.red : used >= 0.8 ? color.yellow : color.green;
  return paint("█".repeat(spent)) + color.yellow("▒".repeat(held)) + color.dim("░".repeat(free));
}

export function percentUsed(state: Pick<BudgetState, "total" | "spent">): string {
  if (state.total <= 0) return "100%";
  return `${Math.round((state.spent / state.total) * 100)}%`;
}

/** The tree as aligned rows: name (indented by depth), total, spent, held, left, bar, percent. */
export function renderBudgetTree(root: BudgetTreeNode, color: Palette): string {
  const rows: string[][] = [["budget", "total", "spent", "reserved", "remaining", "", "used"]];
  const walk = (node: BudgetTreeNode, prefix: string, isLast: boolean, depth: number) => {
    const { state } = node;
    const name =
      depth === 0 ? state.id : `${prefix}${isLast ? "└─ " : "├─ "}${state.id.split("/").at(-1)}`;
    rows.push([
      name,
      usd(state.total),
      usd(state.spent),
      usd(state.reserved),
      usd(state.remaining),
      budgetBar(state, color),
      percentUsed(state),
    ]);
    const childPrefix = depth === 0 ? "" : `${prefix}${isLast ? "   " : "│  "}`;
    for (const [i, child] of node.children.entries()) {
      walk(child, childPrefix, i === node.children.length - 1, depth + 1);
    }
  };
  walk(root, "", true, 0);
  return table(rows);
}
