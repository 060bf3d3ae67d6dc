import type { BudgetTracker } from "../budget/budget-tracker.js";
import type { Nanos } from "../budget/money.js";
import type { SettleEvent } from "../budget/tracker-events.js";

/**
 * What a report groups by: the reserving budget's id, the provider, the model, one key of the
 * calls' `metadata` (`"metadata.agent"`), or the UTC day of the settle (`YYYY-MM-DD`).
 */
export type SpendGroupKey = "budget" | "provider" | "model" | "day" | `metadata.${string}`;

export interface SpendReportQuery {
  /** Settles at or after this time (ms since the epoch, or a Date). Default: the beginning. */
  readonly since?: number | Date | undefined;
  /** Settles before this time. Default: now and later. */
  readonly until?: number | Date | undefined;
  /** Only settles charged to this budget (it or one of its children). Default: all. */
  readonly budgetId?: string | undefined;
  /**
   * For windowed budgets: only settles charged to the period starting here (ms) — of the
   * `budgetId` budget, else of each settle's own budget. A reservation made before a boundary
   * and settled after it belongs to the period it was made in, so this, not `since`/`until`,
   * matches a period's `spent` exactly.
   */
  readonly periodStart?: number | undefined;
  /** Row keys, in order; none → one row with the total. */
  readonly groupBy?: readonly SpendGroupKey[] | undefined;
}

/** Calls, tokens and money of a group of settles. */
export interface SpendTotals {
  /** Distinct calls (an `executePrompt` whose attempts all count as one). */
  readonly calls: number;
  /** Settled attempts (retries included). */
  readonly attempts: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
  /** Exact: the integer sum of the settles' charges. */
  readonly costNanos: Nanos;
  readonly costUsd: number;
}

export interface SpendReportRow extends SpendTotals {
  /** The row's value of each `groupBy` key (`"(none)"` for an absent metadata key). */
  readonly group: Readonly<Record<string, string>>;
}

export interface SpendReport {
  readonly groupBy: readonly SpendGroupKey[];
  /** Dearest first. */
  readonly rows: readonly SpendReportRow[];
  readonly total: SpendTotals;
}

/**
 * An append-only record of settle events, and reports over it. Implementations:
 * {@link InMemorySpendLedger} here, `RedisSpendLedger` in `@llmc/budget-redis`.
 */
export interface SpendLedger {
  /** Appends one settle event. */
  record(event: SettleEvent): Promise<void>;
  /**
   * Records every `"settle"` event of `tracker` and its children from now on; returns a
   * function that stops it. Attach once per budget tree, at its root (a reservation seen twice
   * — the same ledger on a child and its root — is counted once in reports).
   */
  attach(tracker: BudgetTracker): () => void;
  /** Resolves once every event handed over by {@link attach} so far is recorded (or failed). */
  flush(): Promise<void>;
  report(query?: SpendReportQuery): Promise<SpendReport>;
}
