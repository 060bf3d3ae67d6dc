import { LLMBudgetStoreError } from "../errors/budget-errors.js";
import type { SettleOutcome } from "./budget-store.js";
import { type Nanos, nanosToUsd } from "./money.js";
import type { SettleFailedEvent } from "./tracker-events.js";

/** Back-off of background settle retries: 250 ms, doubling, at most 10 s between tries. */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

/** A settle (or release) the store failed to take, retried in the background. */
export interface PendingSettleInfo {
  readonly budgetId: string;
  readonly reservationId: string;
  /** What the reservation holds, USD: it stays held (the cap stays safe) until this settles. */
  readonly heldUsd: number;
  /** What will be charged, USD (0 for a release). */
  readonly chargeUsd: number;
  readonly callAnswered: boolean;
  /** Settle attempts so far. */
  readonly attempts: number;
  /** When retries stop (the reservation's lease ends), ms since the epoch. */
  readonly leaseEndsAt: number;
  readonly lastError: LLMBudgetStoreError;
}

export type PendingSettleResult =
  | { readonly status: "settled"; readonly outcome: SettleOutcome }
  | { readonly status: "failed"; readonly event: SettleFailedEvent };

export interface PendingSettleInit {
  readonly budgetId: string;
  readonly chainIds: readonly string[];
  readonly reservationId: string;
  readonly heldNanos: Nanos;
  readonly chargeNanos: Nanos;
  readonly callAnswered: boolean;
  readonly leaseEndsAt: number;
  readonly firstError: LLMBudgetStoreError;
  /** Tries the settle once more (the reservation's idempotent settle). */
  readonly retry: () => Promise<SettleOutcome>;
}

const sleepUnref = (ms: number) =>
  new Promise<void>((resolve) => {
    // A pending retry must not keep a finished program alive; `flush()` keeps it while awaited.
    setTimeout(resolve, ms).unref?.();
  });

/**
 * One settle the store failed: retried with bounded back-off until the store takes it or the
 * reservation's lease ends (after which a shared store has freed the hold on its own).
 */
export class PendingSettle {
  readonly init: PendingSettleInit;
  readonly done: Promise<PendingSettleResult>;
  #attempts = 1;
  #lastError: LLMBudgetStoreError;

  constructor(init: PendingSettleInit) {
    this.init = init;
    this.#lastError = init.firstError;
    this.done = this.#run();
  }

  get info(): PendingSettleInfo {
    const { budgetId, reservationId, heldNanos, chargeNanos, callAnswered, leaseEndsAt } =
      this.init;
    return {
      budgetId,
      reservationId,
      heldUsd: nanosToUsd(heldNanos),
      chargeUsd: nanosToUsd(chargeNanos),
      callAnswered,
      attempts: this.#attempts,
      leaseEndsAt,
      lastError: this.#lastError,
    };
  }

  async #run(): Promise<PendingSettleResult> {
    for (;;) {
      const untilLeaseEnd = Math.max(0, this.init.leaseEndsAt - Date.now());
      const backOff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.#attempts - 1));
      await sleepUnref(Math.min(backOff, untilLeaseEnd));
      const lastChance = Date.now() >= this.init.leaseEndsAt;
      this.#attempts++;
      try {
        return { status: "settled", outcome: await this.init.retry() };
      } catch (error) {
        this.#lastError = LLMBudgetStoreError.isInstance(error)
          ? error
          : new LLMBudgetStoreError(`${(error as Error)?.message ?? error}`, {
              phase: this.init.chargeNanos === 0 ? "release" : "settle",
              callAnswered: this.init.callAnswered,
              cause: error,
            });
        if (lastChance) return { status: "failed", event: this.#failedEvent() };
      }
    }
  }

  #failedEvent(): SettleFailedEvent {
    const info = this.info;
    return {
      budgetId: info.budgetId,
      reservationId: info.reservationId,
      heldUsd: info.heldUsd,
      chargeUsd: info.chargeUsd,
      callAnswered: info.callAnswered,
      attempts: info.attempts,
      error: info.lastError,
    };
  }
}
