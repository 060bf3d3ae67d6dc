import {
  type BudgetNodeRef,
  type BudgetSnapshot,
  type BudgetStore,
  InMemoryBudgetStore,
  type Nanos,
  type ReserveOutcome,
  type ReserveRequest,
  type SettleOutcome,
} from "@llmc/core";

/** One reservation as the store saw it: what was held, and what its settle charged. */
export interface RecordedReservation {
  readonly reservationId: string;
  readonly reservedNanos: Nanos;
  /** `undefined` while the reservation is open. */
  chargedNanos: Nanos | undefined;
}

/**
 * An in-memory budget store that remembers every reservation and its settlement, so the suite
 * can check the settlement table exactly ("charged the reservation", "released", "charged the
 * usage") without knowing how an adapter sizes its reservations.
 */
export class RecordingBudgetStore implements BudgetStore {
  readonly #inner = new InMemoryBudgetStore();
  readonly reservations: RecordedReservation[] = [];

  async reserve(request: ReserveRequest): Promise<ReserveOutcome> {
    const outcome = await this.#inner.reserve(request);
    if (outcome.ok) {
      this.reservations.push({
        reservationId: request.reservationId,
        reservedNanos: request.amountNanos,
        chargedNanos: undefined,
      });
    }
    return outcome;
  }

  async settle(reservationId: string, actualNanos: Nanos, budgetId?: string) {
    return this.#record(
      reservationId,
      await this.#inner.settle(reservationId, actualNanos, budgetId),
    );
  }

  async release(reservationId: string, budgetId?: string) {
    return this.#record(reservationId, await this.#inner.release(reservationId, budgetId));
  }

  snapshot(node: BudgetNodeRef): Promise<BudgetSnapshot> {
    return this.#inner.snapshot(node);
  }

  peek(node: BudgetNodeRef): BudgetSnapshot {
    return this.#inner.peek(node);
  }

  adjustTotal(node: BudgetNodeRef, deltaNanos: Nanos): Promise<BudgetSnapshot> {
    return this.#inner.adjustTotal(node, deltaNanos);
  }

  #record(reservationId: string, outcome: SettleOutcome): SettleOutcome {
    const entry = this.reservations.find((r) => r.reservationId === reservationId);
    if (entry && outcome.status === "settled") entry.chargedNanos = outcome.chargedNanos;
    return outcome;
  }
}
