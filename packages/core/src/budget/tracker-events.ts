import type { CostSource } from "../adapter/llm-result.js";
import type { Usage } from "../adapter/usage.js";
import type { LLMBudgetStoreError } from "../errors/budget-errors.js";
import type { SettleOutcome } from "./budget-store.js";
import type { Nanos } from "./money.js";

/** A charge (or release) the store never took, given up when the reservation's lease ended. */
export interface SettleFailedEvent {
  /** The budget the reservation was made on (the chain's leaf). */
  readonly budgetId: string;
  readonly reservationId: string;
  /** What the reservation held, USD. */
  readonly heldUsd: number;
  /** What was to be charged, USD (0 for a release). The store never recorded it. */
  readonly chargeUsd: number;
  /** Whether the provider had answered the call (a charge for delivered work). */
  readonly callAnswered: boolean;
  /** Settle attempts made, the first (inline) one included. */
  readonly attempts: number;
  /** The last store failure. */
  readonly error: LLMBudgetStoreError;
}

/**
 * How one attempt's settlement ended:
 * - `success`: the provider answered; charged its bill, the price table, or (no usage) the
 *   reservation (`costSource` says which);
 * - `failure`: the attempt failed but reported usage or a bill, and that was charged;
 * - `billed-without-usage`: the attempt failed after the provider may have billed it (output
 *   had begun, or the adapter marked it billed) with no usage: the reservation was charged;
 * - `released`: the attempt failed before anything was billed: nothing charged;
 * - `expired`: the reservation's lease had run out before the settle (the store freed the hold
 *   at lease end); the late charge is still recorded.
 */
export type SettleEventOutcome =
  | "success"
  | "failure"
  | "billed-without-usage"
  | "released"
  | "expired";

/** Where a settle event's cost came from; `none` for a release (nothing charged). */
export type SettleCostSource = CostSource | "none";

/** One node of a budget path, root first. */
export interface BudgetPathNode {
  readonly id: string;
  readonly name: string | undefined;
  /** For a windowed budget: the start of the period this settle was charged to (ms). */
  readonly periodStart?: number;
}

/**
 * What the caller of a settle knows about the attempt (adapters fill it in; a direct
 * `reservation.settle(nanos)` has none). Carried into the {@link SettleEvent}.
 */
export interface SettleContext {
  /** One id for the whole call, shared by its attempts. */
  readonly callId?: string | undefined;
  readonly provider?: string | undefined;
  readonly model?: string | undefined;
  readonly usage?: Usage | undefined;
  readonly costSource?: SettleCostSource | undefined;
  /** 1 for the first attempt. */
  readonly attempt?: number | undefined;
  /** How long the attempt ran, ms. */
  readonly durationMs?: number | undefined;
  readonly outcome?: Exclude<SettleEventOutcome, "expired"> | undefined;
  /** The call's `metadata` (e.g. `{ agent, user }`). */
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * One attempt's settlement, once the store has taken it: exactly one per reservation (a
 * settle the store never takes fires `"settle-failed"` instead; a repeated settle fires
 * nothing). Fired on the budget the reservation was made on and on every ancestor.
 */
export interface SettleEvent {
  /** The call's id (shared by its attempts); the reservation id when not made by an adapter. */
  readonly callId: string;
  readonly reservationId: string;
  /** The budget the reservation was made on (the path's last node). */
  readonly budgetId: string;
  /** Root first, the reserving budget last. */
  readonly budgetPath: readonly BudgetPathNode[];
  readonly provider: string | undefined;
  readonly model: string | undefined;
  readonly usage: Usage | undefined;
  /** What the store charged, USD; exactly `costNanos` / 1e9. */
  readonly costUsd: number;
  /** What the store charged, integer nano-dollars: sum these for exact totals. */
  readonly costNanos: Nanos;
  readonly costSource: SettleCostSource;
  /** What the reservation held, integer nano-dollars. */
  readonly reservedNanos: Nanos;
  readonly attempt: number;
  readonly durationMs: number | undefined;
  readonly outcome: SettleEventOutcome;
  /** What the store reported (`already-settled`: an earlier try whose reply was lost took it). */
  readonly storeStatus: SettleOutcome["status"];
  readonly metadata: Readonly<Record<string, unknown>> | undefined;
  /** When the settle was taken, ms since the epoch. */
  readonly at: number;
}

/** A threshold crossed: `spent ≥ threshold × total`. Fires once per threshold. */
export interface BudgetThresholdEvent {
  readonly budgetId: string;
  readonly budgetName: string | undefined;
  /** The fraction crossed, as configured. */
  readonly threshold: number;
  readonly total: number;
  /** In the current period, for a windowed budget. */
  readonly spent: number;
  /** For a windowed budget: the period (start, ms) it was crossed in; fires once per period. */
  readonly periodStart?: number;
}

/**
 * Events of a {@link BudgetTracker}, by name. Fired on the tracker a reservation was made on
 * (for `"threshold"`: the budget that crossed it) and on each ancestor.
 */
export interface BudgetTrackerEvents {
  settle: SettleEvent;
  "settle-failed": SettleFailedEvent;
  threshold: BudgetThresholdEvent;
}

export type BudgetTrackerEventName = keyof BudgetTrackerEvents;
/** A listener may be async: a rejection becomes a warning too, never an unhandled rejection. */
export type BudgetTrackerListener<E extends BudgetTrackerEventName> = (
  event: BudgetTrackerEvents[E],
) => unknown;

/**
 * The listeners of one tracker. A listener that throws never breaks a call or a settle: its
 * error becomes a process warning (`LLMC_BUDGET_LISTENER`), like a throwing threshold callback.
 */
export class TrackerEventListeners {
  readonly #listeners = new Map<BudgetTrackerEventName, Set<(event: never) => void>>();

  on<E extends BudgetTrackerEventName>(name: E, listener: BudgetTrackerListener<E>): void {
    let set = this.#listeners.get(name);
    if (!set) {
      set = new Set();
      this.#listeners.set(name, set);
    }
    set.add(listener);
  }

  off<E extends BudgetTrackerEventName>(name: E, listener: BudgetTrackerListener<E>): void {
    this.#listeners.get(name)?.delete(listener);
  }

  /** Whether anything listens to `name` here (settle builds no event when nothing does). */
  has(name: BudgetTrackerEventName): boolean {
    return (this.#listeners.get(name)?.size ?? 0) > 0;
  }

  emit<E extends BudgetTrackerEventName>(name: E, event: BudgetTrackerEvents[E]): void {
    const set = this.#listeners.get(name);
    if (!set || set.size === 0) return;
    for (const listener of [...set]) {
      try {
        const returned = (listener as BudgetTrackerListener<E>)(event);
        if (returned instanceof Promise) {
          returned.then(undefined, (error: unknown) => warnListener(name, error));
        }
      } catch (error) {
        warnListener(name, error);
      }
    }
  }
}

function warnListener(name: string, error: unknown): void {
  process.emitWarning(`A budget "${name}" listener threw: ${(error as Error)?.message ?? error}`, {
    code: "LLMC_BUDGET_LISTENER",
  });
}
