import type { BudgetTracker } from "../budget/budget-tracker.js";
import type { SettleEvent } from "../budget/tracker-events.js";
import { LedgerAttachments } from "./ledger-attachments.js";
import type { SpendLedger, SpendReport, SpendReportQuery } from "./spend-ledger.js";
import { summarizeSpend } from "./summarize-spend.js";

export interface InMemorySpendLedgerOptions {
  /** Events to start with (e.g. read back from a JSON-lines file). */
  readonly events?: Iterable<SettleEvent>;
}

/**
 * A ledger in this process's memory: every settle event in an array. For one process (a
 * script, the demo, tests); `RedisSpendLedger` in `@llmc/budget-redis` for many.
 *
 * ```ts
 * const ledger = new InMemorySpendLedger();
 * ledger.attach(budget);
 * // … calls …
 * const { rows } = await ledger.report({ groupBy: ["metadata.agent", "model"] });
 * ```
 */
export class InMemorySpendLedger implements SpendLedger {
  readonly #events: SettleEvent[] = [];
  readonly #attachments = new LedgerAttachments((event) => this.record(event));

  constructor(options: InMemorySpendLedgerOptions = {}) {
    if (options.events) this.#events.push(...options.events);
  }

  /** Every event recorded, oldest first. */
  get events(): readonly SettleEvent[] {
    return this.#events;
  }

  record(event: SettleEvent): Promise<void> {
    this.#events.push(event);
    return Promise.resolve();
  }

  attach(tracker: BudgetTracker): () => void {
    return this.#attachments.attach(tracker);
  }

  flush(): Promise<void> {
    return this.#attachments.flush();
  }

  report(query: SpendReportQuery = {}): Promise<SpendReport> {
    try {
      return Promise.resolve(summarizeSpend(this.#events, query));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
