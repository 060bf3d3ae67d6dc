import {
  type BudgetReservation,
  BudgetTracker,
  nanosToUsd,
  usdToNanos,
  usdToNanosCeil,
} from "@llmc/core";

/**
 * Money kept aside, from the start of a run, for its final answer. It is a reservation on the
 * run's budget (so no step, tool or sub-agent can spend it), and the final call runs on a
 * private in-memory budget of exactly that amount: the call reserves and settles there as any
 * call does, and its spend is then charged to the run's budget by settling the reservation.
 * Releasing the hold first and letting the final call reserve anew would let a concurrent call
 * on the same budget take the money in between; this way the money moves without a gap.
 * (The run's budget therefore records the final call as one settled reservation, without the
 * provider's name.)
 */
export class FinalAnswerReserve {
  readonly #hold: BudgetReservation;
  #tracker: BudgetTracker | undefined;

  private constructor(hold: BudgetReservation) {
    this.#hold = hold;
  }

  /** Holds `usd` on `budget` and its ancestors; throws `LLMBudgetExceededError` if it does not fit. */
  static async hold(budget: BudgetTracker, usd: number): Promise<FinalAnswerReserve> {
    return new FinalAnswerReserve(await budget.reserve(usdToNanosCeil(usd)));
  }

  get usd(): number {
    return this.#hold.amountUsd;
  }

  /** The budget the final call runs on: exactly the money held. */
  budget(): BudgetTracker {
    this.#tracker ??= new BudgetTracker({
      total: nanosToUsd(this.#hold.amountNanos),
      name: `final answer (of ${this.#hold.tracker.name ?? this.#hold.tracker.id})`,
    });
    return this.#tracker;
  }

  /** Charges the run's budget what the final call spent (nothing if none was made). */
  async close(): Promise<void> {
    const spentNanos = this.#tracker ? usdToNanos(this.#tracker.spent) : 0;
    await this.#hold.settleEventually(spentNanos, { callAnswered: spentNanos > 0 });
  }
}
