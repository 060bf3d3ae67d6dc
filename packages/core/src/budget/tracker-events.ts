import type { LLMBudgetStoreError } from "../errors/budget-errors.js";

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
 * Events of a {@link BudgetTracker}, by name. Fired on the tracker a reservation was made on and
 * on each ancestor. Room to grow (e.g. `"settle"`, `"threshold"`) without breaking listeners.
 */
export interface BudgetTrackerEvents {
  "settle-failed": SettleFailedEvent;
}

export type BudgetTrackerEventName = keyof BudgetTrackerEvents;
export type BudgetTrackerListener<E extends BudgetTrackerEventName> = (
  event: BudgetTrackerEvents[E],
) => void;

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

  emit<E extends BudgetTrackerEventName>(name: E, event: BudgetTrackerEvents[E]): void {
    for (const listener of [...(this.#listeners.get(name) ?? [])]) {
      try {
        (listener as BudgetTrackerListener<E>)(event);
      } catch (error) {
        process.emitWarning(
          `A budget "${name}" listener threw: ${(error as Error)?.message ?? error}`,
          { code: "LLMC_BUDGET_LISTENER" },
        );
      }
    }
  }
}
