import { randomUUID } from "node:crypto";
import type { BudgetNodeRef } from "@llmc/core";

/** A fresh root id per test, so tests sharing one server never see each other's numbers. */
export function freshRoot(label = "t"): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/** leaf → root chain of `root/a/b…` with the given totals (root's total last). */
export function chainOf(root: string, totalsLeafFirst: readonly number[]): BudgetNodeRef[] {
  const depth = totalsLeafFirst.length;
  const chain: BudgetNodeRef[] = [];
  for (let level = depth - 1; level >= 0; level--) {
    const segments = [root, ...["a", "b", "c", "d", "e"].slice(0, level)];
    chain.push({ id: segments.join("/"), totalNanos: totalsLeafFirst[depth - 1 - level]! });
  }
  return chain;
}
