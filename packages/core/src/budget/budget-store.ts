import type { ResolvedBudgetWindow } from "./budget-window.js";
import type { Nanos } from "./money.js";

/**
 * The storage contract behind a {@link BudgetTracker}. Implementations: the in-memory store in
 * this package, and `@llmc/budget-redis` for budgets shared by many processes and machines.
 *
 * Every method is atomic over the whole chain it is given: a reservation either fits every
 * budget from the leaf to the root and is recorded on all of them, or is refused and recorded
 * on none. A store never holds a partial reservation.
 */
export interface BudgetStore {
  /**
   * Reserves `amountNanos` on every node of `chain` (leaf first, root last), creating nodes
   * that do not exist yet with the given totals (existing nodes keep their stored totals).
   */
  reserve(request: ReserveRequest): Promise<ReserveOutcome>;
  /**
   * Charges `actualNanos` to every node of the reservation's chain and frees the reservation.
   * Idempotent: settling (or releasing) a reservation a second time changes nothing and
   * reports `already-settled`. `budgetId` is the budget the reservation was made on (the
   * chain's leaf); trackers always pass it, so a store that shards by budget tree (Redis
   * Cluster) can find the reservation without a lookup.
   */
  settle(reservationId: string, actualNanos: Nanos, budgetId?: string): Promise<SettleOutcome>;
  /**
   * Frees a reservation without charging anything: must behave exactly as `settle(id, 0)`.
   * Core never calls it (a tracker releases through `settle(id, 0, budgetId)`, so one code
   * path frees every hold); it stays for users and tools that free a hold by id directly.
   */
  release(reservationId: string, budgetId?: string): Promise<SettleOutcome>;
  /** The authoritative state of one budget node. */
  snapshot(node: BudgetNodeRef): Promise<BudgetSnapshot>;
  /**
   * A synchronous view of one node, for stores that can give one (the in-memory store).
   * Stores that cannot (Redis) leave it out and trackers show their last known snapshot.
   */
  peek?(node: BudgetNodeRef): BudgetSnapshot;
  /** Adds `deltaNanos` (may be negative) to a node's total. */
  adjustTotal(node: BudgetNodeRef, deltaNanos: Nanos): Promise<BudgetSnapshot>;
  /**
   * Whether the store resets windowed budgets (`BudgetNodeRef.window`) by its own clock. A
   * tracker with a window refuses a store without it, rather than never resetting.
   */
  readonly supportsWindows?: boolean;
}

/** Identifies one budget in a store; `totalNanos` is used only when the node is created. */
export interface BudgetNodeRef {
  readonly id: string;
  readonly totalNanos: Nanos;
  /**
   * The node's window, when its spend resets (see `BudgetWindow`). The store decides the
   * current period with its own clock; a reservation belongs to the period it was made in.
   */
  readonly window?: ResolvedBudgetWindow | undefined;
}

export interface ReserveRequest {
  /** Unique id chosen by the caller (a UUID); used to settle or release later. */
  readonly reservationId: string;
  /** The budget the call charges first, then each ancestor up to the root. */
  readonly chain: readonly BudgetNodeRef[];
  readonly amountNanos: Nanos;
  /**
   * How long the reservation may live. Stores shared across processes expire it after this,
   * so a crashed worker cannot hold budget forever. The in-memory store may ignore it.
   */
  readonly leaseMs: number;
}

export type ReserveOutcome =
  | {
      readonly ok: true;
      readonly reservationId: string;
      /** Per chain node (leaf first): the start of the period the hold belongs to (windowed nodes). */
      readonly periods?: readonly (number | undefined)[];
    }
  | {
      readonly ok: false;
      /** The id of the budget in the chain that had no room. */
      readonly refusedBy: string;
      readonly limitNanos: Nanos;
      readonly spentNanos: Nanos;
      readonly reservedNanos: Nanos;
      readonly requestedNanos: Nanos;
    };

export type SettleOutcome =
  /** The reservation was open and is now charged (`chargedNanos`) and freed. */
  | { readonly status: "settled"; readonly chargedNanos: Nanos }
  /** The reservation had already been settled or released; nothing changed. */
  | { readonly status: "already-settled"; readonly chargedNanos: Nanos }
  /**
   * The reservation's lease ran out before it was settled, so the store had already freed it.
   * The actual cost is still charged (money was spent), and the outcome says so.
   */
  | { readonly status: "expired"; readonly chargedNanos: Nanos }
  /** The store has never heard of this reservation. Nothing was charged. */
  | { readonly status: "unknown"; readonly chargedNanos: 0 };

export interface BudgetSnapshot {
  readonly id: string;
  readonly totalNanos: Nanos;
  /** For a windowed node: in the current period. */
  readonly spentNanos: Nanos;
  /** For a windowed node: held by reservations made in the current period. */
  readonly reservedNanos: Nanos;
  /** For a windowed node: the current period, `[periodStart, periodEnd)` ms, by the store's clock. */
  readonly periodStart?: number | undefined;
  readonly periodEnd?: number | undefined;
}
