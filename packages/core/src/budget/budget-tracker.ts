import { randomUUID } from "node:crypto";
import { lazySchema } from "../config/lazy-schema.js";
import { LLMBudgetExceededError, LLMBudgetStoreError } from "../errors/budget-errors.js";
import { LLMError } from "../errors/llm-error.js";
import { LLMConfigError } from "../errors/provider-errors.js";
import type { BudgetNodeRef, BudgetSnapshot, BudgetStore, SettleOutcome } from "./budget-store.js";
import { InMemoryBudgetStore } from "./in-memory-budget-store.js";
import {
  checkNanosAmount,
  MAX_USD,
  type Nanos,
  nanosToUsd,
  usdAmountToNanos,
  usdToNanos,
} from "./money.js";

const DEFAULT_LEASE_MS = 10 * 60_000;

/** Built on first use, so importing core loads no zod (see `lazySchema`). */
const trackerOptionsSchema = lazySchema((z) =>
  z.strictObject({
    // Past MAX_USD the nano-dollar integers round and the cap could fail open.
    total: z.number().finite().nonnegative().max(MAX_USD),
    name: z.string().min(1).optional(),
    id: z
      .string()
      .min(1)
      .regex(/^[^/{}]+$/, "must not contain '/', '{' or '}'")
      .optional(),
    store: z
      .custom<BudgetStore>((v) => typeof (v as BudgetStore)?.reserve === "function")
      .optional(),
    leaseMs: z.number().int().positive().optional(),
    thresholds: z.array(z.number().gt(0).lte(1)).optional(),
    onThreshold: z.function().optional(),
  }),
);

export interface BudgetTrackerOptions {
  /** The cap, in USD. */
  readonly total: number;
  /** Shown in errors and events. */
  readonly name?: string;
  /**
   * The budget's id in its store. Processes that share one budget through a shared store
   * (Redis) use the same id; by default a random one is made.
   */
  readonly id?: string;
  /** Where the numbers live; in-memory by default. Children share their parent's store. */
  readonly store?: BudgetStore;
  /** How long a reservation may stay open before a shared store frees it (default 10 min). */
  readonly leaseMs?: number;
  /** Fractions of `total` (e.g. `[0.5, 0.9]`) at which `onThreshold` fires, once each. */
  readonly thresholds?: readonly number[];
  readonly onThreshold?: (event: BudgetThresholdEvent) => void;
}

export interface ChildBudgetOptions {
  readonly total: number;
  readonly name?: string;
  /** Stable id suffix, so processes can share one child budget; random by default. */
  readonly id?: string;
  readonly thresholds?: readonly number[];
  readonly onThreshold?: (event: BudgetThresholdEvent) => void;
}

export interface BudgetThresholdEvent {
  readonly budgetId: string;
  readonly budgetName: string | undefined;
  /** The fraction crossed, as configured. */
  readonly threshold: number;
  readonly total: number;
  readonly spent: number;
}

/** A budget's state in USD. */
export interface BudgetState {
  readonly id: string;
  readonly total: number;
  readonly spent: number;
  readonly reserved: number;
  readonly remaining: number;
}

/**
 * A spending cap. Calls reserve their worst case before they start and settle their actual
 * cost when they end, so spend never passes `total` however many calls run at once. A child
 * (`tracker.child({ total })`) is a sub-cap whose every reservation and charge also lands on
 * each ancestor, atomically.
 */
export class BudgetTracker {
  readonly id: string;
  readonly name: string | undefined;
  readonly parent: BudgetTracker | undefined;
  readonly store: BudgetStore;
  readonly leaseMs: number;
  readonly #initialTotalNanos: Nanos;
  readonly #thresholds: readonly number[];
  readonly #onThreshold: ((event: BudgetThresholdEvent) => void) | undefined;
  readonly #firedThresholds = new Set<number>();
  #lastSnapshot: BudgetSnapshot;
  #chain: readonly BudgetNodeRef[] | undefined;
  /** Whether this tracker or an ancestor watches thresholds: settle skips the check if not. */
  readonly #watchesThresholds: boolean;

  constructor(options: BudgetTrackerOptions);
  /** @internal children are made with {@link BudgetTracker.child}. */
  constructor(options: BudgetTrackerOptions, parent: BudgetTracker);
  constructor(options: BudgetTrackerOptions, parent?: BudgetTracker) {
    const parsed = trackerOptionsSchema.safeParse(options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join(".") || "options";
      throw new LLMConfigError(`Invalid budget option \`${field}\`: ${issue.message}`, { field });
    }
    this.parent = parent;
    const ownId = options.id ?? randomUUID();
    this.id = parent ? `${parent.id}/${ownId}` : ownId;
    this.name = options.name;
    this.store = parent?.store ?? options.store ?? new InMemoryBudgetStore();
    this.leaseMs = parent?.leaseMs ?? options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#initialTotalNanos = usdToNanos(options.total);
    this.#thresholds = [...(options.thresholds ?? [])].sort((a, b) => a - b);
    this.#onThreshold = options.onThreshold;
    this.#watchesThresholds =
      (this.#thresholds.length > 0 && this.#onThreshold !== undefined) ||
      parent?.watchesThresholds === true;
    this.#lastSnapshot = {
      id: this.id,
      totalNanos: this.#initialTotalNanos,
      spentNanos: 0,
      reservedNanos: 0,
    };
  }

  /** @internal whether this tracker or an ancestor has threshold callbacks. */
  get watchesThresholds(): boolean {
    return this.#watchesThresholds;
  }

  /** A sub-cap for a delegate: its spend counts against it and against every ancestor. */
  child(options: ChildBudgetOptions): BudgetTracker {
    return new BudgetTracker(options, this);
  }

  /** This budget and its ancestors, leaf first: the chain every reservation must fit. */
  get chain(): readonly BudgetNodeRef[] {
    if (!this.#chain) {
      const chain: BudgetNodeRef[] = [];
      for (let node: BudgetTracker | undefined = this; node; node = node.parent) {
        chain.push(node.#ref());
      }
      this.#chain = Object.freeze(chain);
    }
    return this.#chain;
  }

  get total(): number {
    return nanosToUsd(this.#view().totalNanos);
  }
  get spent(): number {
    return nanosToUsd(this.#view().spentNanos);
  }
  get reserved(): number {
    return nanosToUsd(this.#view().reservedNanos);
  }
  /** What a new call may still reserve here, ignoring ancestors' limits. */
  remaining(): number {
    const view = this.#view();
    return nanosToUsd(Math.max(0, view.totalNanos - view.spentNanos - view.reservedNanos));
  }
  /** What a new call may still reserve here, counting every ancestor's room as well. */
  effectiveRemaining(): number {
    let least = Number.POSITIVE_INFINITY;
    for (let node: BudgetTracker | undefined = this; node; node = node.parent) {
      least = Math.min(least, node.remaining());
    }
    return least;
  }

  /**
   * The authoritative state from the store (for shared stores the getters above show the last
   * state this process saw).
   */
  async snapshot(): Promise<BudgetState> {
    const snapshot = await this.callStore(() => this.store.snapshot(this.#ref()));
    this.#lastSnapshot = snapshot;
    return toState(snapshot);
  }

  /** Raises (or with a negative amount, lowers) this budget's total. */
  async topUp(usd: number): Promise<BudgetState> {
    // A bad amount is the caller's mistake, not a store outage: checked before the store.
    const deltaNanos = usdAmountToNanos(usd, "usd");
    const snapshot = await this.callStore(() => this.store.adjustTotal(this.#ref(), deltaNanos));
    this.#lastSnapshot = snapshot;
    return toState(snapshot);
  }

  /**
   * Holds `amountNanos` on this budget and every ancestor, or throws
   * {@link LLMBudgetExceededError} naming the budget without room. Nothing is held on refusal.
   */
  async reserve(
    amountNanos: Nanos,
    options: { readonly leaseMs?: number } = {},
  ): Promise<BudgetReservation> {
    checkNanosAmount(amountNanos, "amountNanos");
    const reservationId = randomUUID();
    const chain = this.chain;
    const outcome = await this.callStore(() =>
      this.store.reserve({
        reservationId,
        chain,
        amountNanos,
        // A call that may run longer than the tracker's lease gets a lease that outlives it.
        leaseMs: Math.max(this.leaseMs, options.leaseMs ?? 0),
      }),
    );
    if (!outcome.ok) {
      const refusing = this.#findInChain(outcome.refusedBy);
      throw new LLMBudgetExceededError({
        limit: nanosToUsd(outcome.limitNanos),
        spent: nanosToUsd(outcome.spentNanos),
        reserved: nanosToUsd(outcome.reservedNanos),
        requested: nanosToUsd(outcome.requestedNanos),
        budgetId: outcome.refusedBy,
        budgetName: refusing?.name,
      });
    }
    this.#applyLocally(amountNanos, 0);
    return new BudgetReservation(this, reservationId, amountNanos);
  }

  /**
   * @internal Keeps the last known state of this budget and its ancestors current with this
   * process's own reservations and charges, for stores that cannot be read synchronously.
   */
  applyLocally(reservedDeltaNanos: Nanos, spentDeltaNanos: Nanos): void {
    this.#applyLocally(reservedDeltaNanos, spentDeltaNanos);
  }

  #applyLocally(reservedDeltaNanos: Nanos, spentDeltaNanos: Nanos): void {
    if (this.store.peek) return;
    for (let node: BudgetTracker | undefined = this; node; node = node.parent) {
      const last = node.#lastSnapshot;
      node.#lastSnapshot = {
        ...last,
        reservedNanos: Math.max(0, last.reservedNanos + reservedDeltaNanos),
        spentNanos: last.spentNanos + spentDeltaNanos,
      };
    }
  }

  /**
   * @internal called by {@link BudgetReservation} once the store has charged a call.
   * Threshold events are notifications: a failure to check them (or a throwing callback)
   * must not turn a settled charge into a failed settle, so it becomes a process warning.
   */
  async afterSettle(): Promise<void> {
    if (!this.#watchesThresholds) return;
    for (let node: BudgetTracker | undefined = this; node; node = node.parent) {
      try {
        await node.#checkThresholds();
      } catch (error) {
        process.emitWarning(
          `Budget threshold check failed: ${(error as Error)?.message ?? error}`,
          {
            code: "LLMC_BUDGET_THRESHOLD",
          },
        );
      }
    }
  }

  async #checkThresholds(): Promise<void> {
    if (this.#thresholds.length === 0 || !this.#onThreshold) return;
    const view = this.store.peek
      ? this.#view()
      : await this.callStore(() => this.store.snapshot(this.#ref()));
    if (view.totalNanos <= 0) return;
    for (const threshold of this.#thresholds) {
      if (this.#firedThresholds.has(threshold)) continue;
      if (view.spentNanos >= Math.round(threshold * view.totalNanos)) {
        this.#firedThresholds.add(threshold);
        this.#onThreshold({
          budgetId: this.id,
          budgetName: this.name,
          threshold,
          total: nanosToUsd(view.totalNanos),
          spent: nanosToUsd(view.spentNanos),
        });
      }
    }
  }

  #findInChain(id: string): BudgetTracker | undefined {
    for (let node: BudgetTracker | undefined = this; node; node = node.parent) {
      if (node.id === id) return node;
    }
    return undefined;
  }

  #ref(): BudgetNodeRef {
    return { id: this.id, totalNanos: this.#initialTotalNanos };
  }

  #view(): BudgetSnapshot {
    if (this.store.peek) this.#lastSnapshot = this.store.peek(this.#ref());
    return this.#lastSnapshot;
  }

  /**
   * @internal every store call goes through here (reservations too), so a store outage is a
   * typed, fail-closed error.
   */
  callStore<T>(operation: () => Promise<T>): Promise<T> {
    let pending: Promise<T>;
    try {
      pending = operation();
    } catch (error) {
      pending = Promise.reject(error);
    }
    return pending.then(undefined, (error: unknown) => {
      if (LLMError.isInstance(error)) throw error;
      throw new LLMBudgetStoreError(
        `The budget store failed, so no call was made (budgets fail closed): ${(error as Error)?.message ?? error}`,
        { cause: error },
      );
    });
  }
}

/**
 * One call's hold on a budget chain. Settle it with the actual cost, or release it; either is
 * final, and repeating it is a no-op (a settle that failed because the store was unreachable
 * may be tried again).
 */
export class BudgetReservation {
  #outcome: Promise<SettleOutcome> | undefined;

  constructor(
    readonly tracker: BudgetTracker,
    readonly id: string,
    readonly amountNanos: Nanos,
  ) {}

  get amountUsd(): number {
    return nanosToUsd(this.amountNanos);
  }

  get isClosed(): boolean {
    return this.#outcome !== undefined;
  }

  /** Charges the actual cost and frees the rest of the hold. */
  settle(actualNanos: Nanos): Promise<SettleOutcome> {
    try {
      checkNanosAmount(actualNanos, "actualNanos");
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.#outcome) return this.#outcome;
    const tracker = this.tracker;
    const outcome = tracker
      .callStore(() => tracker.store.settle(this.id, actualNanos, tracker.id))
      .then((result) => {
        if (result.status === "settled")
          tracker.applyLocally(-this.amountNanos, result.chargedNanos);
        return tracker.afterSettle().then(() => result);
      });
    this.#outcome = outcome;
    // The store's settle is safe to repeat: after a failure (store unreachable) a later call
    // may try again rather than leave the charge to the lease's expiry.
    outcome.catch(() => {
      if (this.#outcome === outcome) this.#outcome = undefined;
    });
    return outcome;
  }

  /** Frees the hold without charging anything (the call cost nothing). */
  release(): Promise<SettleOutcome> {
    return this.settle(0);
  }
}

function toState(snapshot: BudgetSnapshot): BudgetState {
  return {
    id: snapshot.id,
    total: nanosToUsd(snapshot.totalNanos),
    spent: nanosToUsd(snapshot.spentNanos),
    reserved: nanosToUsd(snapshot.reservedNanos),
    remaining: nanosToUsd(
      Math.max(0, snapshot.totalNanos - snapshot.spentNanos - snapshot.reservedNanos),
    ),
  };
}
