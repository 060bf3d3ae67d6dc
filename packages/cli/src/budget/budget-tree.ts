import type { BudgetState } from "@llmc/core";
import type { RedisStore } from "./redis-budget.js";

/** One budget and its children, as stored in Redis. */
export interface BudgetTreeNode {
  readonly state: BudgetState;
  readonly children: readonly BudgetTreeNode[];
}

/**
 * Reads the tree under `id` (a root or a child id). The store keeps a SET of every node id
 * of a tree (`<prefix>:{<root>}:nodes`, see the budget-redis README's data layout); each node
 * is then read with `getBudget`. Not one atomic snapshot of the whole tree: each node's own
 * numbers are consistent, and a live view refreshes anyway.
 */
export async function readBudgetTree(
  store: RedisStore,
  id: string,
): Promise<BudgetTreeNode | undefined> {
  const root = id.split("/")[0]!;
  const ids = await store.client.smembers(`${store.prefix}:{${root}}:nodes`);
  const inTree = ids.filter((member) => member === id || member.startsWith(`${id}/`)).sort();
  if (!inTree.includes(id)) inTree.unshift(id);
  const states = await Promise.all(inTree.map((member) => store.getBudget(member)));
  const byId = new Map<string, BudgetState>();
  for (const state of states) if (state) byId.set(state.id, state);
  const build = (nodeId: string): BudgetTreeNode | undefined => {
    const state = byId.get(nodeId);
    if (!state) return undefined;
    const children = [...byId.keys()]
      .filter(
        (other) => other.startsWith(`${nodeId}/`) && !other.slice(nodeId.length + 1).includes("/"),
      )
      .map(build)
      .filter((child): child is BudgetTreeNode => child !== undefined);
    return { state, children };
  };
  return build(id);
}

export function flattenTree(node: BudgetTreeNode): BudgetState[] {
  return [node.state, ...node.children.flatMap(flattenTree)];
}
