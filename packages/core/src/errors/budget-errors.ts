import { LLMError, type LLMErrorOptions } from "./llm-error.js";

export interface BudgetExceededDetails {
  /** The refusing budget's total, in USD. */
  readonly limit: number;
  /** Already spent on the refusing budget, in USD. */
  readonly spent: number;
  /** Held by calls in flight on the refusing budget, in USD. */
  readonly reserved: number;
  /** What this call needed to reserve (its worst case), in USD. */
  readonly requested: number;
  /** The id of the refusing budget (in a chain of child budgets, the one without room). */
  readonly budgetId: string;
  /** Its name, when it was given one. */
  readonly budgetName: string | undefined;
}

/**
 * A call's worst-case cost did not fit the budget (or one of its ancestors). Thrown before any
 * request is sent, so nothing was spent on it.
 */
export class LLMBudgetExceededError extends LLMError implements BudgetExceededDetails {
  static override readonly kind: string = "LLMBudgetExceededError";
  override readonly code: "budget_exceeded" = "budget_exceeded";
  readonly limit: number;
  readonly spent: number;
  readonly reserved: number;
  readonly requested: number;
  readonly budgetId: string;
  readonly budgetName: string | undefined;

  constructor(details: BudgetExceededDetails, options: LLMErrorOptions = {}) {
    const label = details.budgetName ? `"${details.budgetName}"` : details.budgetId;
    super(
      `Budget ${label} cannot cover this call: it needs up to $${fmt(details.requested)}, ` +
        `but only $${fmt(Math.max(0, details.limit - details.spent - details.reserved))} of ` +
        `$${fmt(details.limit)} is free ($${fmt(details.spent)} spent, ` +
        `$${fmt(details.reserved)} held by calls in flight). Lower maxOutputTokens, shorten ` +
        "the prompt, or raise the budget.",
      { ...options, retryable: false },
    );
    this.limit = details.limit;
    this.spent = details.spent;
    this.reserved = details.reserved;
    this.requested = details.requested;
    this.budgetId = details.budgetId;
    this.budgetName = details.budgetName;
  }
}

/** What the tracker was doing when the store failed. */
export type BudgetStorePhase = "reserve" | "settle" | "release" | "read" | "top-up";

export interface BudgetStoreErrorOptions extends LLMErrorOptions {
  /** Default `"reserve"`. */
  readonly phase?: BudgetStorePhase;
  /** The provider had answered the call whose charge this is (default false). */
  readonly callAnswered?: boolean;
}

/**
 * The budget store could not be reached or answered wrongly (e.g. Redis down). `phase` says
 * when: on `"reserve"` the request was not sent (budgets fail closed); on `"settle"` /
 * `"release"` a call had already run — when `callAnswered`, the caller got its result and the
 * charge is retried in the background while the hold stays (see `BudgetTracker.pendingSettles`).
 */
export class LLMBudgetStoreError extends LLMError {
  static override readonly kind: string = "LLMBudgetStoreError";
  override readonly code: "budget_store_unavailable" = "budget_store_unavailable";
  readonly phase: BudgetStorePhase;
  readonly callAnswered: boolean;
  constructor(message: string, options: BudgetStoreErrorOptions = {}) {
    super(message, { ...options, retryable: options.retryable ?? true });
    this.phase = options.phase ?? "reserve";
    this.callAnswered = options.callAnswered ?? false;
  }
}

function fmt(usd: number): string {
  return usd.toFixed(usd !== 0 && Math.abs(usd) < 0.01 ? 9 : 4).replace(/\.?0+$/, "") || "0";
}
