import type { BudgetTracker } from "../budget/budget-tracker.js";
import type { SettleEvent } from "../budget/tracker-events.js";

/**
 * The `attach`/`flush` half of a ledger: listens to trackers' settle events, hands each to
 * `record`, and remembers the appends still running so `flush()` can wait for them. A failed
 * append becomes an `LLMC_SPEND_LEDGER` process warning: a ledger never breaks a call.
 */
export class LedgerAttachments {
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly record: (event: SettleEvent) => Promise<void>) {}

  attach(tracker: BudgetTracker): () => void {
    const listener = (event: SettleEvent) => {
      let append: Promise<void>;
      try {
        append = this.record(event);
      } catch (error) {
        append = Promise.reject(error);
      }
      const tracked = append.then(undefined, (error: unknown) => {
        process.emitWarning(
          `A spend ledger failed to record the settle of reservation ${event.reservationId}: ` +
            `${(error as Error)?.message ?? error}`,
          { code: "LLMC_SPEND_LEDGER" },
        );
      });
      this.#pending.add(tracked);
      void tracked.then(() => this.#pending.delete(tracked));
    };
    tracker.on("settle", listener);
    return () => {
      tracker.off("settle", listener);
    };
  }

  async flush(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}
