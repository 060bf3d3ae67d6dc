import type { BudgetReservation, BudgetTracker } from "../budget/budget-tracker.js";
import { isExactNanos, MAX_USD, type Nanos, nanosToUsd, usdToNanos } from "../budget/money.js";
import type { LLMError } from "../errors/llm-error.js";
import { costOfUsage } from "../pricing/cost.js";
import type { ModelPrice } from "../pricing/model-price.js";
import type { CostSource } from "./llm-result.js";
import type { Usage } from "./usage.js";

export interface CallCost {
  readonly costUsd: number | undefined;
  readonly costSource: CostSource;
}

/**
 * Prices a finished call: the provider's bill when it sent a usable one, else the price table.
 * A bill or a usage cost the nano-dollar unit cannot hold exactly (NaN, negative, beyond
 * ≈ $9M) is not a price: `undefined` makes the caller charge the reservation instead.
 */
function priceCall(
  usage: Usage | undefined,
  providerCostUsd: number | undefined,
  price: ModelPrice | undefined,
): { nanos: Nanos; source: CostSource } | undefined {
  if (
    typeof providerCostUsd === "number" &&
    Number.isFinite(providerCostUsd) &&
    providerCostUsd >= 0 &&
    providerCostUsd <= MAX_USD
  ) {
    return { nanos: usdToNanos(providerCostUsd), source: "provider" };
  }
  if (usage && price) {
    const nanos = costOfUsage(usage, price);
    if (isExactNanos(nanos)) return { nanos, source: "price-table" };
  }
  return undefined;
}

/**
 * One attempt's hold on the budget and the rules for closing it:
 * - success: charge the actual cost (provider bill, else price table);
 * - failure that reported usage or cost (a mid-stream error): charge that;
 * - a stream cut after output began, with no usage: charge the whole reservation, since the
 *   provider may bill every token it generated and we cannot know how many;
 * - any other failure (refused, timed out or aborted before output): release, charge nothing.
 * None of these rejects on a store failure: the tracker keeps the hold and retries the settle in
 * the background (`settleEventually`), so a call that ran is never sent again and never
 * released as $0 because the store hiccuped.
 */
export class AttemptBudget {
  constructor(
    readonly reservation: BudgetReservation | undefined,
    readonly price: ModelPrice | undefined,
  ) {}

  static async open(
    tracker: BudgetTracker | undefined,
    amountNanos: Nanos,
    price: ModelPrice | undefined,
    leaseMs: number | undefined,
  ): Promise<AttemptBudget> {
    const reservation = tracker ? await tracker.reserve(amountNanos, { leaseMs }) : undefined;
    return new AttemptBudget(reservation, price);
  }

  get reservedUsd(): number | undefined {
    return this.reservation ? nanosToUsd(this.reservation.amountNanos) : undefined;
  }

  async settleSuccess(
    usage: Usage | undefined,
    providerCostUsd: number | undefined,
  ): Promise<CallCost> {
    const priced = priceCall(usage, providerCostUsd, this.price);
    const answered = { callAnswered: true };
    if (priced) {
      await this.reservation?.settleEventually(priced.nanos, answered);
      return { costUsd: nanosToUsd(priced.nanos), costSource: priced.source };
    }
    if (this.reservation) {
      // No usage and no bill (a stream without a usage chunk): charge the worst case.
      await this.reservation.settleEventually(this.reservation.amountNanos, answered);
      return { costUsd: this.reservedUsd, costSource: "reservation" };
    }
    return { costUsd: undefined, costSource: "unknown" };
  }

  async settleFailure(error: LLMError, outputStarted: boolean): Promise<void> {
    if (!this.reservation) return;
    const priced = priceCall(error.usage, error.reportedCostUsd, this.price);
    if (priced) {
      await this.reservation.settleEventually(priced.nanos, { callAnswered: false });
    } else if (outputStarted) {
      await this.reservation.settleEventually(this.reservation.amountNanos, {
        callAnswered: false,
      });
    } else {
      await this.reservation.settleEventually(0);
    }
  }
}
