import { LLMConfigError } from "@llmc/core";

/** The default key prefix: every key this package writes starts with it. */
export const DEFAULT_PREFIX = "llmc:budget";

/**
 * The Redis keys of one budget tree. A tree is a root budget and all its children
 * (`root`, `root/child`, `root/child/grandchild`, as `BudgetTracker.id` builds them). Every key
 * carries the Redis Cluster hash tag `{root}`, so a whole tree lives on one slot and each Lua
 * script may touch any key of its tree, also on a Cluster.
 */
export interface TreeKeys {
  /** The root budget id, also the hash tag. */
  readonly root: string;
  /** HASH reservation id → record (open, expired or settled; see `lua/prelude.ts`). */
  readonly reservations: string;
  /** ZSET of open reservation ids, scored by lease expiry (ms, Redis clock). */
  readonly leases: string;
  /** ZSET of closed reservation ids, scored by when their record may be forgotten. */
  readonly forget: string;
  /** SET of the node ids that exist in this tree, so a tree can be deleted without SCAN. */
  readonly nodes: string;
  /** Prefix of the node HASH keys (`total`, `spent`, `reserved`); the node id follows it. */
  readonly nodePrefix: string;
}

/** The keys a script declares in `KEYS[1..4]`, in this order (a fresh array to extend). */
export function treeKeyList(keys: TreeKeys): string[] {
  return [keys.reservations, keys.leases, keys.forget, keys.nodes];
}

export function nodeKey(keys: TreeKeys, budgetId: string): string {
  return keys.nodePrefix + budgetId;
}

/** The root of a budget id: everything before the first `/`. */
export function rootOf(budgetId: string): string {
  const slash = budgetId.indexOf("/");
  return slash === -1 ? budgetId : budgetId.slice(0, slash);
}

export function treeKeys(prefix: string, budgetId: string): TreeKeys {
  assertBudgetId(budgetId);
  const root = rootOf(budgetId);
  const base = `${prefix}:{${root}}`;
  return {
    root,
    reservations: `${base}:res`,
    leases: `${base}:leases`,
    forget: `${base}:forget`,
    nodes: `${base}:nodes`,
    nodePrefix: `${base}:node:`,
  };
}

/** Ids already checked: a busy process checks the same few ids on every call. */
const VALID_IDS = new Set<string>();

/**
 * Budget ids become part of key names and hash tags: they must be non-empty, must not contain
 * `{` or `}` (they would move the hash tag), and their segments between `/` must be non-empty.
 */
export function assertBudgetId(budgetId: string): void {
  if (VALID_IDS.has(budgetId)) return;
  if (
    typeof budgetId !== "string" ||
    budgetId.length === 0 ||
    budgetId.length > 1024 ||
    /[{}]/.test(budgetId) ||
    budgetId.split("/").some((segment) => segment.length === 0)
  ) {
    throw new LLMConfigError(
      `Invalid budget id ${JSON.stringify(budgetId)}: use 1-1024 characters without '{' or '}', ` +
        "with non-empty segments between '/'",
      { field: "id" },
    );
  }
  if (VALID_IDS.size >= 10_000) VALID_IDS.clear();
  VALID_IDS.add(budgetId);
}

export function assertPrefix(prefix: string): void {
  if (typeof prefix !== "string" || prefix.length === 0 || /[{}]/.test(prefix)) {
    throw new LLMConfigError(
      `Invalid key prefix ${JSON.stringify(prefix)}: it must be non-empty and free of '{' and '}'`,
      { field: "prefix" },
    );
  }
}

/** Reservation ids are hash fields; braces are reserved for internal markers. */
export function assertReservationId(reservationId: string): void {
  if (
    typeof reservationId !== "string" ||
    reservationId.length === 0 ||
    reservationId.length > 256 ||
    /[{}]/.test(reservationId)
  ) {
    throw new LLMConfigError(
      `Invalid reservation id ${JSON.stringify(reservationId)}: use 1-256 characters without ` +
        "'{' or '}'",
      { field: "reservationId" },
    );
  }
}
