/**
 * Redis could not be reached, did not answer within `commandTimeoutMs`, or answered with an
 * error. The operation may or may not have taken effect on the server (a reply can be lost
 * after the script ran); `reserve`, `settle` and `release` are idempotent per reservation id,
 * so retrying them with the same id is safe. A `BudgetTracker` turns this into
 * `LLMBudgetStoreError` and makes no call: budgets fail closed.
 */
export class RedisBudgetStoreError extends Error {
  override readonly name: string = "RedisBudgetStoreError";
  /** Which store operation failed: `reserve`, `settle`, `snapshot`, `adjustTotal`, … */
  readonly operation: string;
  /** True when the failure was our own `commandTimeoutMs` running out. */
  readonly timedOut: boolean;

  constructor(
    message: string,
    options: { operation: string; timedOut?: boolean; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.operation = options.operation;
    this.timedOut = options.timedOut ?? false;
  }
}

/** `closeBudget` found open reservations and `force` was not set; nothing was deleted. */
export class BudgetHasOpenReservationsError extends Error {
  override readonly name: string = "BudgetHasOpenReservationsError";
  constructor(
    readonly budgetId: string,
    readonly openReservations: number,
  ) {
    super(
      `Budget ${budgetId} still has ${openReservations} open reservation(s); settle or release ` +
        "them, wait for their leases to run out, or close with { force: true }",
    );
  }
}
