import type { BudgetReservation, BudgetTracker } from "../budget/budget-tracker.js";
import { isExactNanos, MAX_USD, type Nanos, nanosToUsd, usdToNanos } from "../budget/money.js";
import type { SettleContext } from "../budget/tracker-events.js";
import type { LLMError } from "../errors/llm-error.js";
import { costOfUsage } from "../pricing/cost.js";
import type { ModelPrice } from "../pricing/model-price.js";
import type { CostSource } from "./llm-result.js";
import type { Usage } from "./usage.js";

/** What an attempt is, for its settle event: fixed when the attempt opens. */
export interface AttemptInfo {
  readonly callId: string;
  readonly provider: string;
  readonly model: string;
  readonly attempt: number;
  readonly metadata: Readonly<Record<string, unknown>> | undefined;
}

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
 * - a stream cut after output began, or an attempt the adapter marked billed (`markBilled`), with
 *   no usage: charge the whole reservation, since the provider may bill every token it
 *   generated and we cannot know how many;
 * - any other failure (refused, timed out or aborted before output): release, charge nothing.
 * None of these rejects on a store failure: the tracker keeps the hold and retries the settle in
 * the background (`settleEventually`), so a call that ran is never sent again and never
 * released as $0 because the store hiccuped.
 */
export class AttemptBudget {
  /** When the attempt was sent (after its reservation), for the settle event's duration. */
  readonly #startedAt = performance.now();
  /** Set by `request.markBilled()`: the provider accepted the attempt, so it will bill it. */
  #billed = false;

  constructor(
    readonly reservation: BudgetReservation | undefined,
    readonly price: ModelPrice | undefined,
    readonly info?: AttemptInfo,
  ) {}

  static async open(
    tracker: BudgetTracker | undefined,
    amountNanos: Nanos,
    price: ModelPrice | undefined,
    leaseMs: number | undefined,
    info?: AttemptInfo,
  ): Promise<AttemptBudget> {
    const reservation = tracker ? await tracker.reserve(amountNanos, { leaseMs }) : undefined;
    return new AttemptBudget(reservation, price, info);
  }

  get reservedUsd(): number | undefined {
    return this.reservation ? nanosToUsd(this.reservation.amountNanos) : undefined;
  }

  markBilled(): void {
    this.#billed = true;
  }

  /** `model`: the model that answered, when the provider named one. */
  async settleSuccess(
    usage: Usage | undefined,
    providerCostUsd: number | undefined,
    model?: string,
  ): Promise<CallCost> {
    const priced = priceCall(usage, providerCostUsd, this.price);
    if (priced) {
      const context = this.#context("success", priced.source, usage, model);
      await this.reservation?.settleEventually(priced.nanos, { callAnswered: true, context });
      return { costUsd: nanosToUsd(priced.nanos), costSource: priced.source };
    }
    if (this.reservation) {
      // No usage and no bill (a stream without a usage chunk): charge the worst case.
      await this.reservation.settleEventually(this.reservation.amountNanos, {
        callAnswered: true,
        context: this.#context("success", "reservation", usage, model),
      });
      return { costUsd: this.reservedUsd, costSource: "reservation" };
    }
    return { costUsd: undefined, costSource: "unknown" };
  }

  async settleFailure(error: LLMError, outputStarted: boolean): Promise<void> {
    if (!this.reservation) return;
    const priced = priceCall(error.usage, error.reportedCostUsd, this.price);
    if (priced) {
      await this.reservation.settleEventually(priced.nanos, {
        callAnswered: false,
        context: this.#context("failure", priced.source, error.usage),
      });
    } else if (outputStarted || this.#billed) {
      await this.reservation.settleEventually(this.reservation.amountNanos, {
        callAnswered: false,
        context: this.#context("billed-without-usage", "reservation", error.usage),
      });
    } else {
      await this.reservation.settleEventually(0, {
        context: this.#context("released", "none", error.usage),
      });
    }
  }

  #context(
    outcome: NonNullable<SettleContext["outcome"]>,
    costSource: NonNullable<SettleContext["costSource"]>,
    usage: Usage | undefined,
    model?: string,
  ): SettleContext {
    const info = this.info;
    return {
      callId: info?.callId,
      provider: info?.provider,
      model: model ?? info?.model,
      usage,
      costSource,
      attempt: info?.attempt,
      durationMs: performance.now() - this.#startedAt,
      outcome,
      metadata: info?.metadata,
    };
  }
}
