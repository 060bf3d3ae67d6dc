import { randomUUID } from "node:crypto";
import { lazySchema } from "../config/lazy-schema.js";
import {
  type BudgetStorePhase,
  LLMBudgetExceededError,
  LLMBudgetStoreError,
} from "../errors/budget-errors.js";
import { LLMError } from "../errors/llm-error.js";
import { LLMConfigError } from "../errors/provider-errors.js";
import type { BudgetNodeRef, BudgetSnapshot, BudgetStore, SettleOutcome } from "./budget-store.js";
import {
  type BudgetWindow,
  type ResolvedBudgetWindow,
  resolveWindow,
  windowNests,
} from "./budget-window.js";
import { InMemoryBudgetStore } from "./in-memory-budget-store.js";
import {
  checkNanosAmount,
  MAX_USD,
  type Nanos,
  nanosToUsd,
  usdAmountToNanos,
  usdToNanos,
} from "./money.js";
import { PendingSettle, type PendingSettleInfo } from "./pending-settle.js";
import {
  type BudgetPathNode,
  type BudgetThresholdEvent,
  type BudgetTrackerEventName,
  type BudgetTrackerEvents,
  type BudgetTrackerListener,
  type SettleContext,
  type SettleEvent,
  type SettleFailedEvent,
  TrackerEventListeners,
} from "./tracker-events.js";

export type { BudgetThresholdEvent } from "./tracker-events.js";

const DEFAULT_LEASE_MS = 10 * 60_000;

/*
 * Why the tracker's and the reservation's collaboration goes through module-private objects:
 * a member merely tagged internal in its doc comment still ships in the published `.d.ts` and can be called, and
 * calling `applyLocally`, `emitUpward`, `deferSettle`… from user code corrupts a tracker's
 * local view, its events or its pending settles. So those members are `#private`, and the two
 * classes reach each other's through `trackerInternals` / `reservationInternals`: filled by each
 * class's static block (the only code outside the methods that may name `#` members), never
 * exported, so nothing outside this module can reach them, at compile time or at run time.
 */
interface TrackerInternals {
  callStore<T>(
    tracker: BudgetTracker,
    operation: () => Promise<T>,
    phase: BudgetStorePhase,
  ): Promise<T>;
  applyLocally(tracker: BudgetTracker, reservedDeltaNanos: Nanos, spentDeltaNanos: Nanos): void;
  emitSettle(
    tracker: BudgetTracker,
    reservation: BudgetReservation,
    outcome: SettleOutcome,
    context: SettleContext | undefined,
  ): void;
  afterSettle(tracker: BudgetTracker): Promise<void>;
  deferSettle(
    tracker: BudgetTracker,
    reservation: BudgetReservation,
    actualNanos: Nanos,
    firstError: LLMBudgetStoreError,
    callAnswered: boolean,
  ): void;
}

interface ReservationInternals {
  create(
    tracker: BudgetTracker,
    id: string,
    amountNanos: Nanos,
    leaseEndsAt: number,
    periods: readonly (number | undefined)[] | undefined,
  ): BudgetReservation;
  dropLocalHold(reservation: BudgetReservation): void;
}

let trackerInternals!: TrackerInternals;
let reservationInternals!: ReservationInternals;

/**
 * The parent of the tracker being constructed, set only by `child()` around its `new`: so the
 * public constructor takes options alone and no user can graft a tracker onto a tree. The
 * constructor takes it first thing, synchronously, before any other code can run.
 */
let parentOfNextTracker: BudgetTracker | undefined;

/** Proves a `BudgetReservation` is made by `reserve()`, not forged from user code. */
const RESERVATION_TOKEN: unique symbol = Symbol("BudgetReservation");

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
    // Checked by resolveWindow, whose messages say what is supported.
    window: z.unknown().optional(),
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
  /**
   * Fractions of `total` (e.g. `[0.5, 0.9]`) at which `onThreshold` and the `"threshold"`
   * event fire, once each.
   */
  readonly thresholds?: readonly number[];
  readonly onThreshold?: (event: BudgetThresholdEvent) => void;
  /**
   * Reset the spend at each boundary, by the store's clock: `{ every: "day" | "week" |
   * "month", timeZone: "UTC" }`. Thresholds fire once per period.
   */
  readonly window?: BudgetWindow;
}

export interface ChildBudgetOptions {
  readonly total: number;
  readonly name?: string;
  /** Stable id suffix, so processes can share one child budget; random by default. */
  readonly id?: string;
  readonly thresholds?: readonly number[];
  readonly onThreshold?: (event: BudgetThresholdEvent) => void;
  /** Default: the parent's window. Must nest in it (days in weeks or months). */
  readonly window?: BudgetWindow;
}

/** What {@link BudgetTracker.flush} found once no settle was pending. */
export interface FlushReport {
  /** Pending settles the store took while flush waited. */
  readonly settled: number;
  /** Those given up when their lease ended: the store never recorded these charges. */
  readonly failed: readonly SettleFailedEvent[];
}

/** A settle's outcome, or `pending` when the store failed and the tracker retries it. */
export type EventualSettleOutcome =
  | SettleOutcome
  | { readonly status: "pending"; readonly chargedNanos: Nanos };

/** A budget's state in USD. */
export interface BudgetState {
  readonly id: string;
  readonly total: number;
  readonly spent: number;
  readonly reserved: number;
  readonly remaining: number;
  /** For a windowed budget: the current period, `[periodStart, periodEnd)` ms. */
  readonly periodStart?: number | undefined;
  readonly periodEnd?: number | undefined;
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
  /** When set, the spend resets at each of its boundaries (by the store's clock). */
  readonly window: ResolvedBudgetWindow | undefined;
  readonly #initialTotalNanos: Nanos;
  readonly #thresholds: readonly number[];
  readonly #onThreshold: ((event: BudgetThresholdEvent) => void) | undefined;
  readonly #firedThresholds = new Set<number>();
  /** The period the fired thresholds belong to: a new period may fire them again. */
  #firedPeriod: number | undefined;
  #lastSnapshot: BudgetSnapshot;
  #chain: readonly BudgetNodeRef[] | undefined;
  #path: readonly BudgetPathNode[] | undefined;
  /** Whether this tracker or an ancestor watches thresholds: settle skips the check if not. */
  readonly #watchesThresholds: boolean;
  readonly #listeners = new TrackerEventListeners();
  /** Settles the store failed, retried in the background; held by the root for the whole tree. */
  readonly #pending: Set<PendingSettle>;

  static {
    trackerInternals = {
      callStore: (tracker, operation, phase) => tracker.#callStore(operation, phase),
      applyLocally: (tracker, reserved, spent) => tracker.#applyLocally(reserved, spent),
      emitSettle: (tracker, reservation, outcome, context) =>
        tracker.#emitSettle(reservation, outcome, context),
      afterSettle: (tracker) => tracker.#afterSettle(),
      deferSettle: (tracker, reservation, actualNanos, firstError, callAnswered) =>
        tracker.#deferSettle(reservation, actualNanos, firstError, callAnswered),
    };
  }

  /** A root budget; children are made with {@link BudgetTracker.child}. */
  constructor(options: BudgetTrackerOptions) {
    const parent = parentOfNextTracker;
    parentOfNextTracker = undefined;
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
    this.#pending = parent ? parent.#pending : new Set();
    this.window = windowFor(options.window, parent, this.store);
    this.#initialTotalNanos = usdToNanos(options.total);
    this.#thresholds = [...(options.thresholds ?? [])].sort((a, b) => a - b);
    this.#onThreshold = options.onThreshold;
    this.#watchesThresholds =
      this.#thresholds.length > 0 || (parent ? parent.#watchesThresholds : false);
    this.#lastSnapshot = {
      id: this.id,
      totalNanos: this.#initialTotalNanos,
      spentNanos: 0,
      reservedNanos: 0,
    };
  }

  /** A sub-cap for a delegate: its spend counts against it and against every ancestor. */
  child(options: ChildBudgetOptions): BudgetTracker {
    parentOfNextTracker = this;
    try {
      return new BudgetTracker(options);
    } finally {
      parentOfNextTracker = undefined;
    }
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

  /** This budget's place in its tree, root first: what settle events carry. */
  get budgetPath(): readonly BudgetPathNode[] {
    if (!this.#path) {
      const path: BudgetPathNode[] = [];
      for (let node: BudgetTracker | undefined = this; node; node = node.parent) {
        path.unshift(Object.freeze({ id: node.id, name: node.name }));
      }
      this.#path = Object.freeze(path);
    }
    return this.#path;
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
   * Settles (and releases) of this budget and its children that the store failed to take and
   * that are being retried in the background. Their reservations stay held meanwhile, so the
   * cap stays safe; see {@link flush}.
   */
  get pendingSettles(): readonly PendingSettleInfo[] {
    return this.#pendingHere().map((pending) => pending.info);
  }

  /**
   * Resolves once no settle of this budget or its children is pending: each was taken by the
   * store or given up when its lease ended (reported in `failed`, and as `"settle-failed"`
   * events). Keeps the process alive while awaited; the retries alone do not.
   */
  async flush(): Promise<FlushReport> {
    const failed: SettleFailedEvent[] = [];
    let settled = 0;
    const keepAlive = setInterval(() => {}, 60_000);
    try {
      for (let pending = this.#pendingHere(); pending.length > 0; pending = this.#pendingHere()) {
        for (const result of await Promise.all(pending.map((entry) => entry.done))) {
          if (result.status === "failed") failed.push(result.event);
          else settled++;
        }
      }
    } finally {
      clearInterval(keepAlive);
    }
    return { settled, failed };
  }

  /** Listens to an event of this budget (and of its children's reservations). */
  on<E extends BudgetTrackerEventName>(name: E, listener: BudgetTrackerListener<E>): this {
    this.#listeners.on(name, listener);
    return this;
  }

  off<E extends BudgetTrackerEventName>(name: E, listener: BudgetTrackerListener<E>): this {
    this.#listeners.off(name, listener);
    return this;
  }

  /** Whether this tracker or an ancestor listens to `name`. */
  #listensUpward(name: BudgetTrackerEventName): boolean {
    for (let node: BudgetTracker | undefined = this; node; node = node.parent) {
      if (node.#listeners.has(name)) return true;
    }
    return false;
  }

  /**
   * The store took a reservation's settle: one `"settle"` event, on this tracker and
   * every ancestor. Built only when someone listens; never throws (a notification must not
   * turn a stored charge into a failed settle).
   */
  #emitSettle(
    reservation: BudgetReservation,
    outcome: SettleOutcome,
    context: SettleContext | undefined,
  ): void {
    if (!this.#listensUpward("settle")) return;
    try {
      const event: SettleEvent = {
        callId: context?.callId ?? reservation.id,
        reservationId: reservation.id,
        budgetId: this.id,
        budgetPath: pathWithPeriods(this.budgetPath, reservation.periods),
        provider: context?.provider,
        model: context?.model,
        usage: context?.usage,
        costUsd: nanosToUsd(outcome.chargedNanos),
        costNanos: outcome.chargedNanos,
        costSource: context?.costSource ?? (outcome.chargedNanos > 0 ? "unknown" : "none"),
        reservedNanos: reservation.amountNanos,
        attempt: context?.attempt ?? 1,
        durationMs: context?.durationMs,
        outcome:
          outcome.status === "expired"
            ? "expired"
            : (context?.outcome ?? (outcome.chargedNanos > 0 ? "success" : "released")),
        storeStatus: outcome.status,
        metadata: context?.metadata,
        at: Date.now(),
      };
      this.#emitUpward("settle", event);
    } catch (error) {
      process.emitWarning(`Budget settle event failed: ${(error as Error)?.message ?? error}`, {
        code: "LLMC_BUDGET_LISTENER",
      });
    }
  }

  /** Fires an event on this tracker and every ancestor. */
  #emitUpward<E extends BudgetTrackerEventName>(name: E, event: BudgetTrackerEvents[E]): void {
    for (let node: BudgetTracker | undefined = this; node; node = node.parent) {
      node.#listeners.emit(name, event);
    }
  }

  /**
   * Keeps retrying a settle the store failed, in the background, until the store
   * takes it or the reservation's lease ends; the hold stays in the local view meanwhile.
   */
  #deferSettle(
    reservation: BudgetReservation,
    actualNanos: Nanos,
    firstError: LLMBudgetStoreError,
    callAnswered: boolean,
  ): void {
    const pending = new PendingSettle({
      budgetId: this.id,
      chainIds: this.chain.map((node) => node.id),
      reservationId: reservation.id,
      heldNanos: reservation.amountNanos,
      chargeNanos: actualNanos,
      callAnswered,
      leaseEndsAt: reservation.leaseEndsAt,
      firstError,
      retry: () => reservation.settle(actualNanos),
    });
    this.#pending.add(pending);
    void pending.done.then((result) => {
      this.#pending.delete(pending);
      if (result.status === "failed") {
        // The lease has ended: a shared store has freed the hold, so the local view does too.
        reservationInternals.dropLocalHold(reservation);
        this.#emitUpward("settle-failed", result.event);
      }
    });
  }

  #pendingHere(): PendingSettle[] {
    return [...this.#pending].filter((pending) => pending.init.chainIds.includes(this.id));
  }

  /**
   * The authoritative state from the store (for shared stores the getters above show the last
   * state this process saw).
   */
  async snapshot(): Promise<BudgetState> {
    const snapshot = await this.#callStore(() => this.store.snapshot(this.#ref()), "read");
    this.#lastSnapshot = snapshot;
    return toState(snapshot);
  }

  /** Raises (or with a negative amount, lowers) this budget's total. */
  async topUp(usd: number): Promise<BudgetState> {
    // A bad amount is the caller's mistake, not a store outage: checked before the store.
    const deltaNanos = usdAmountToNanos(usd, "usd");
    const snapshot = await this.#callStore(
      () => this.store.adjustTotal(this.#ref(), deltaNanos),
      "top-up",
    );
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
    // A call that may run longer than the tracker's lease gets a lease that outlives it.
    const leaseMs = Math.max(this.leaseMs, options.leaseMs ?? 0);
    const outcome = await this.#callStore(
      () => this.store.reserve({ reservationId, chain, amountNanos, leaseMs }),
      "reserve",
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
    // Counted from the reply, so it ends no earlier than the store's own lease.
    return reservationInternals.create(
      this,
      reservationId,
      amountNanos,
      Date.now() + leaseMs,
      outcome.periods,
    );
  }

  /**
   * Keeps the last known state of this budget and its ancestors current with this process's
   * own reservations and charges, for stores that cannot be read synchronously.
   */
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
   * Called by {@link BudgetReservation} once the store has charged a call.
   * Threshold events are notifications: a failure to check them (or a throwing callback)
   * must not turn a settled charge into a failed settle, so it becomes a process warning.
   */
  async #afterSettle(): Promise<void> {
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
    if (this.#thresholds.length === 0) return;
    const view = this.store.peek
      ? this.#view()
      : await this.#callStore(() => this.store.snapshot(this.#ref()), "read");
    if (view.totalNanos <= 0) return;
    if (view.periodStart !== this.#firedPeriod) {
      // A new period: its spend starts again, and so do its thresholds.
      this.#firedPeriod = view.periodStart;
      this.#firedThresholds.clear();
    }
    for (const threshold of this.#thresholds) {
      if (this.#firedThresholds.has(threshold)) continue;
      if (view.spentNanos >= Math.round(threshold * view.totalNanos)) {
        this.#firedThresholds.add(threshold);
        const event: BudgetThresholdEvent = {
          budgetId: this.id,
          budgetName: this.name,
          threshold,
          total: nanosToUsd(view.totalNanos),
          spent: nanosToUsd(view.spentNanos),
          ...(view.periodStart !== undefined ? { periodStart: view.periodStart } : {}),
        };
        try {
          this.#onThreshold?.(event);
        } catch (error) {
          process.emitWarning(
            `A budget onThreshold callback threw: ${(error as Error)?.message ?? error}`,
            { code: "LLMC_BUDGET_THRESHOLD" },
          );
        }
        this.#emitUpward("threshold", event);
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
    return this.window
      ? { id: this.id, totalNanos: this.#initialTotalNanos, window: this.window }
      : { id: this.id, totalNanos: this.#initialTotalNanos };
  }

  #view(): BudgetSnapshot {
    if (this.store.peek) this.#lastSnapshot = this.store.peek(this.#ref());
    return this.#lastSnapshot;
  }

  /**
   * Every store call goes through here (reservations too), so a store outage is a
   * typed error whose message says truly what did and did not happen in `phase`.
   */
  #callStore<T>(operation: () => Promise<T>, phase: BudgetStorePhase): Promise<T> {
    let pending: Promise<T>;
    try {
      pending = operation();
    } catch (error) {
      pending = Promise.reject(error);
    }
    return pending.then(undefined, (error: unknown) => {
      if (LLMError.isInstance(error)) throw error;
      const why = (error as Error)?.message ?? String(error);
      throw new LLMBudgetStoreError(`${storeFailure(phase, this.id)}: ${why}`, {
        phase,
        cause: error,
      });
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
  /** What the first settle's caller said about the attempt, kept for background retries. */
  #context: SettleContext | undefined;
  /** Whether the local view (stores without `peek`) still counts this hold. */
  #holdInLocalView = true;
  readonly tracker: BudgetTracker;
  readonly id: string;
  readonly amountNanos: Nanos;
  /** When the store's lease on this hold ends, ms since the epoch (at the latest). */
  readonly leaseEndsAt: number;
  /** Per chain node (leaf first): the period the hold belongs to, for windowed budgets. */
  readonly periods: readonly (number | undefined)[] | undefined;

  static {
    reservationInternals = {
      create: (tracker, id, amountNanos, leaseEndsAt, periods) =>
        new BudgetReservation(RESERVATION_TOKEN, tracker, id, amountNanos, leaseEndsAt, periods),
      dropLocalHold: (reservation) => reservation.#leaveLocalView(0),
    };
  }

  /** Made by {@link BudgetTracker.reserve} only: a forged one could free holds it never took. */
  private constructor(
    token: typeof RESERVATION_TOKEN,
    tracker: BudgetTracker,
    id: string,
    amountNanos: Nanos,
    leaseEndsAt: number,
    periods: readonly (number | undefined)[] | undefined,
  ) {
    if (token !== RESERVATION_TOKEN) {
      throw new TypeError(
        "A BudgetReservation is made by BudgetTracker.reserve(), not constructed",
      );
    }
    this.tracker = tracker;
    this.id = id;
    this.amountNanos = amountNanos;
    this.leaseEndsAt = leaseEndsAt;
    this.periods = periods;
  }

  get amountUsd(): number {
    return nanosToUsd(this.amountNanos);
  }

  get isClosed(): boolean {
    return this.#outcome !== undefined;
  }

  /**
   * Charges the actual cost and frees the rest of the hold. `context` (what the attempt was:
   * provider, model, usage, metadata…) goes into the `"settle"` event fired once the store has
   * taken the settle.
   */
  settle(actualNanos: Nanos, context?: SettleContext): Promise<SettleOutcome> {
    try {
      checkNanosAmount(actualNanos, "actualNanos");
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.#outcome) return this.#outcome;
    if (context) this.#context = context;
    const tracker = this.tracker;
    const phase = actualNanos === 0 ? "release" : "settle";
    const outcome = trackerInternals
      .callStore(tracker, () => tracker.store.settle(this.id, actualNanos, tracker.id), phase)
      .then((result) => {
        // Every outcome means the store holds this reservation no more (`expired`: it freed the
        // hold at lease end and charged now; `unknown`: it has none, charged nothing;
        // `already-settled`: an earlier try whose reply was lost took it). The local view
        // follows, charging exactly what the store reports.
        this.#leaveLocalView(result.chargedNanos);
        trackerInternals.emitSettle(tracker, this, result, this.#context);
        return trackerInternals.afterSettle(tracker).then(() => result);
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

  /**
   * Settles like {@link settle}, but a store failure does not reject: the tracker keeps the
   * hold and retries in the background (see `tracker.pendingSettles`, `flush()`, the
   * `"settle-failed"` event), and this resolves with `status: "pending"`. For a call that has
   * already run: its cost must be neither lost nor sent for again. `callAnswered`: whether the
   * provider answered (reported on the pending entry and its errors).
   */
  async settleEventually(
    actualNanos: Nanos,
    options: { readonly callAnswered?: boolean; readonly context?: SettleContext } = {},
  ): Promise<EventualSettleOutcome> {
    try {
      return await this.settle(actualNanos, options.context);
    } catch (error) {
      if (!LLMBudgetStoreError.isInstance(error)) throw error;
      const callAnswered = options.callAnswered ?? false;
      const why = (error.cause as Error | undefined)?.message ?? error.message;
      const pendingError = new LLMBudgetStoreError(
        `${pendingMessage(this, actualNanos, callAnswered)}: ${why}`,
        { phase: error.phase, callAnswered, cause: error.cause },
      );
      trackerInternals.deferSettle(this.tracker, this, actualNanos, pendingError, callAnswered);
      return { status: "pending", chargedNanos: actualNanos };
    }
  }

  #leaveLocalView(chargedNanos: Nanos): void {
    const heldNanos = this.#holdInLocalView ? this.amountNanos : 0;
    this.#holdInLocalView = false;
    trackerInternals.applyLocally(this.tracker, -heldNanos, chargedNanos);
  }
}

/** The message of a settle left pending: what happened to the call, the hold and the charge. */
function pendingMessage(
  reservation: BudgetReservation,
  actualNanos: Nanos,
  callAnswered: boolean,
): string {
  const budget = reservation.tracker.id;
  const held = `$${reservation.amountUsd}`;
  const retried = "retried in the background until the store takes it or the lease ends";
  if (callAnswered) {
    return (
      `The budget store failed while charging an answered call ($${nanosToUsd(actualNanos)}) ` +
      `on budget ${budget}: the result was returned and the request is not sent again; the ` +
      `hold of ${held} stays (the cap stays safe) and the charge is ${retried}`
    );
  }
  if (actualNanos === 0) {
    return (
      `The budget store failed while releasing the hold (${held}) of a call that failed on ` +
      `budget ${budget}: it stays held (the cap stays safe) and the release is ${retried}`
    );
  }
  return (
    `The budget store failed while charging $${nanosToUsd(actualNanos)} for a failed call on ` +
    `budget ${budget}: the hold of ${held} stays and the charge is ${retried}`
  );
}

/** What did and did not happen when the store failed in `phase`: the message must be true. */
function storeFailure(phase: BudgetStorePhase, budgetId: string): string {
  switch (phase) {
    case "reserve":
      return `The budget store failed while reserving on budget ${budgetId}, so no call was made (budgets fail closed)`;
    case "settle":
      return `The budget store failed while charging a reservation of budget ${budgetId}; its hold stays until the charge is stored or its lease ends (settling again is safe)`;
    case "release":
      return `The budget store failed while releasing a reservation of budget ${budgetId}; its hold stays until released or its lease ends (releasing again is safe)`;
    case "read":
      return `The budget store failed while reading budget ${budgetId}`;
    case "top-up":
      return `The budget store failed while changing the total of budget ${budgetId}; the change may or may not have been applied (check snapshot() before repeating it)`;
  }
}

/**
 * The budget a tracker's window is: its own (checked; it must nest in the parent's), else the
 * parent's. A store that cannot reset windows is refused: a cap that never resets would be
 * a silent surprise.
 */
function windowFor(
  option: unknown,
  parent: BudgetTracker | undefined,
  store: BudgetStore,
): ResolvedBudgetWindow | undefined {
  const window = option === undefined ? parent?.window : resolveWindow(option);
  if (!window) return undefined;
  if (parent?.window && !windowNests(window, parent.window)) {
    throw new LLMConfigError(
      `A child budget's window (every ${window.every}) must nest in its parent's (every ` +
        `${parent.window.every}): days nest in weeks and months, a week only in weeks`,
      { field: "window" },
    );
  }
  if (!store.supportsWindows) {
    throw new LLMConfigError(
      `This budget store (${store.constructor?.name ?? "custom"}) does not reset budget windows, ` +
        "so `window` would never take effect: use a store that supports them (InMemoryBudgetStore)",
      { field: "window" },
    );
  }
  return window;
}

/** The path with each windowed node's period, as the store reported it at reserve. */
function pathWithPeriods(
  path: readonly BudgetPathNode[],
  periods: readonly (number | undefined)[] | undefined,
): readonly BudgetPathNode[] {
  if (!periods?.some((period) => period !== undefined)) return path;
  // `periods` is leaf first, the path root first.
  return path.map((node, i) => {
    const period = periods[path.length - 1 - i];
    return period === undefined ? node : { ...node, periodStart: period };
  });
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
    ...(snapshot.periodStart !== undefined
      ? { periodStart: snapshot.periodStart, periodEnd: snapshot.periodEnd }
      : {}),
  };
}
