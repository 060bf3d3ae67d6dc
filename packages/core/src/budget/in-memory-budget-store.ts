import { LLMConfigError } from "../errors/provider-errors.js";
import type {
  BudgetNodeRef,
  BudgetSnapshot,
  BudgetStore,
  ReserveOutcome,
  ReserveRequest,
  SettleOutcome,
} from "./budget-store.js";
import { periodEnd, periodStart, type ResolvedBudgetWindow } from "./budget-window.js";
import { checkNanosAmount, isExactNanos, type Nanos } from "./money.js";

/** Spend and holds of one period (the whole life of a budget without a window). */
interface PeriodState {
  spentNanos: Nanos;
  reservedNanos: Nanos;
}

interface NodeState extends PeriodState {
  totalNanos: Nanos;
  readonly window: ResolvedBudgetWindow | undefined;
  /** The start of the current period (0 without a window). */
  period: number;
  /**
   * Earlier periods that still have open holds: a reservation settles in the period it was
   * made in, even after the boundary. Dropped once their last hold closes.
   */
  readonly earlier: Map<number, PeriodState>;
}

interface OpenReservation {
  readonly chain: readonly string[];
  /** Per chain node, the period the hold belongs to. */
  readonly periods: readonly number[];
  readonly amountNanos: Nanos;
  readonly expiresAt: number;
}

/** A reservation whose lease ran out: its hold is freed; a late settle still charges it. */
interface ExpiredHold {
  readonly expiredChain: readonly string[];
  readonly periods: readonly number[];
}

export interface InMemoryBudgetStoreOptions {
  /**
   * Free a reservation's hold when its lease runs out, as a shared store does (a late settle
   * then still charges, reporting `expired`). Off by default: in one process a crash takes the
   * budget with it, and a call that outlives its lease keeps its hold.
   */
  readonly enforceLeases?: boolean;
  /**
   * The clock leases are measured on and windowed budgets reset by, ms (default `Date.now`);
   * for tests.
   */
  readonly now?: () => number;
}

/**
 * Settled reservation ids are remembered so a late second settle stays a no-op: in two
 * generations of this many, the older dropped whole when the newer fills. (Deleting the oldest
 * entry of one big Map instead is O(n) in V8, which scans past the deleted slots.)
 */
const SETTLED_GENERATION_SIZE = 50_000;

/**
 * The default store: one process, no persistence. Every operation is synchronous from start
 * to end, so on one JavaScript thread it is atomic by construction: a reservation checks and
 * updates the whole chain with no other operation in between, without any lock (an
 * async-mutex here once guarded the same thing, and was never taken).
 * Leases are not enforced unless `enforceLeases` is set: a crashed process takes its in-memory
 * budget with it.
 */
export class InMemoryBudgetStore implements BudgetStore {
  readonly supportsWindows = true;
  readonly #nodes = new Map<string, NodeState>();
  readonly #open = new Map<string, OpenReservation>();
  #settled = new Map<string, Nanos | ExpiredHold>();
  #settledBefore = new Map<string, Nanos | ExpiredHold>();
  readonly #enforceLeases: boolean;
  readonly #now: () => number;
  /** The earliest lease end of an open reservation (a lower bound): sweeps skip until then. */
  #nextExpiry = Number.POSITIVE_INFINITY;

  constructor(options: InMemoryBudgetStoreOptions = {}) {
    this.#enforceLeases = options.enforceLeases ?? false;
    this.#now = options.now ?? Date.now;
  }

  reserve(request: ReserveRequest): Promise<ReserveOutcome> {
    return this.#exclusive(() => this.#reserveNow(request));
  }

  // One map holds every reservation, so the budget id is not needed to find one.
  settle(reservationId: string, actualNanos: Nanos, _budgetId?: string): Promise<SettleOutcome> {
    return this.#exclusive(() => this.#settleNow(reservationId, actualNanos));
  }

  release(reservationId: string, budgetId?: string): Promise<SettleOutcome> {
    return this.settle(reservationId, 0, budgetId);
  }

  snapshot(node: BudgetNodeRef): Promise<BudgetSnapshot> {
    return Promise.resolve(this.peek(node));
  }

  peek(node: BudgetNodeRef): BudgetSnapshot {
    this.#sweep();
    const state = this.#nodes.get(node.id);
    if (state) this.#roll(state);
    const window = state?.window ?? node.window;
    const start = window ? (state?.period ?? periodStart(window, this.#now())) : undefined;
    return {
      id: node.id,
      totalNanos: state?.totalNanos ?? node.totalNanos,
      spentNanos: state?.spentNanos ?? 0,
      reservedNanos: state?.reservedNanos ?? 0,
      ...(window && start !== undefined
        ? { periodStart: start, periodEnd: periodEnd(window, start) }
        : {}),
    };
  }

  adjustTotal(node: BudgetNodeRef, deltaNanos: Nanos): Promise<BudgetSnapshot> {
    return this.#exclusive(() => {
      if (!isExactNanos(deltaNanos)) {
        throw new LLMConfigError(
          `A top-up must be a whole number of nano-dollars; got ${deltaNanos}`,
          {
            field: "usd",
          },
        );
      }
      const state = this.#nodeFor(node);
      const totalNanos = state.totalNanos + deltaNanos;
      // Past the exact integer range the total would round, and the cap with it.
      if (!isExactNanos(totalNanos)) {
        throw new LLMConfigError(
          `A top-up of ${deltaNanos} nano-dollars would take budget ${node.id}'s total past ` +
            "Number.MAX_SAFE_INTEGER nano-dollars (≈ $9.007M), the most a budget holds exactly",
          { field: "usd" },
        );
      }
      state.totalNanos = totalNanos;
      return this.peek(node);
    });
  }

  /** Runs a synchronous operation after the lease sweep, as a promise (the store contract). */
  #exclusive<T>(operation: () => T): Promise<T> {
    try {
      this.#sweep();
      return Promise.resolve(operation());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #reserveNow(request: ReserveRequest): ReserveOutcome {
    checkNanosAmount(request.amountNanos, "amountNanos");
    for (const ref of request.chain) checkNanosAmount(ref.totalNanos, "totalNanos");
    const id = request.reservationId;
    if (this.#open.has(id) || this.#settled.has(id) || this.#settledBefore.has(id)) {
      throw new Error(`Reservation id ${request.reservationId} was already used`);
    }
    const states = request.chain.map((ref) => this.#nodeFor(ref));
    for (const state of states) this.#roll(state);
    // Check every node first, then write: a refusal leaves no partial reservation behind.
    for (const [index, state] of states.entries()) {
      const room = state.totalNanos - state.spentNanos - state.reservedNanos;
      if (request.amountNanos > room) {
        return {
          ok: false,
          refusedBy: request.chain[index]!.id,
          limitNanos: state.totalNanos,
          spentNanos: state.spentNanos,
          reservedNanos: state.reservedNanos,
          requestedNanos: request.amountNanos,
        };
      }
    }
    for (const state of states) state.reservedNanos += request.amountNanos;
    const expiresAt = this.#enforceLeases
      ? this.#now() + request.leaseMs
      : Number.POSITIVE_INFINITY;
    this.#nextExpiry = Math.min(this.#nextExpiry, expiresAt);
    const periods = states.map((state) => state.period);
    this.#open.set(request.reservationId, {
      chain: request.chain.map((ref) => ref.id),
      periods,
      amountNanos: request.amountNanos,
      expiresAt,
    });
    if (!states.some((state) => state.window)) return { ok: true, reservationId: id };
    return {
      ok: true,
      reservationId: id,
      periods: states.map((state) => (state.window ? state.period : undefined)),
    };
  }

  #settleNow(reservationId: string, actualNanos: Nanos): SettleOutcome {
    checkNanosAmount(actualNanos, "actualNanos");
    const reservation = this.#open.get(reservationId);
    if (!reservation) {
      const closed = this.#settled.get(reservationId) ?? this.#settledBefore.get(reservationId);
      if (closed === undefined) return { status: "unknown", chargedNanos: 0 };
      if (typeof closed === "number") return { status: "already-settled", chargedNanos: closed };
      // The lease ran out and freed the hold; the money was spent all the same, in the period
      // the reservation was made in.
      closed.expiredChain.forEach((id, i) => {
        this.#charge(this.#nodes.get(id)!, closed.periods[i]!, actualNanos);
      });
      this.#rememberSettled(reservationId, actualNanos);
      return { status: "expired", chargedNanos: actualNanos };
    }
    this.#open.delete(reservationId);
    reservation.chain.forEach((id, i) => {
      const state = this.#nodes.get(id)!;
      this.#charge(state, reservation.periods[i]!, actualNanos);
      this.#release(state, reservation.periods[i]!, reservation.amountNanos);
    });
    this.#rememberSettled(reservationId, actualNanos);
    return { status: "settled", chargedNanos: actualNanos };
  }

  /** Frees the holds whose lease has run out (only with `enforceLeases`). */
  #sweep(): void {
    if (!this.#enforceLeases) return;
    const now = this.#now();
    if (now < this.#nextExpiry) return;
    let next = Number.POSITIVE_INFINITY;
    for (const [id, reservation] of this.#open) {
      if (reservation.expiresAt > now) {
        next = Math.min(next, reservation.expiresAt);
        continue;
      }
      this.#open.delete(id);
      reservation.chain.forEach((nodeId, i) => {
        this.#release(this.#nodes.get(nodeId)!, reservation.periods[i]!, reservation.amountNanos);
      });
      this.#rememberSettled(id, { expiredChain: reservation.chain, periods: reservation.periods });
    }
    this.#nextExpiry = next;
  }

  #rememberSettled(reservationId: string, chargedNanos: Nanos | ExpiredHold): void {
    if (this.#settled.size >= SETTLED_GENERATION_SIZE) {
      this.#settledBefore = this.#settled;
      this.#settled = new Map();
    }
    this.#settled.set(reservationId, chargedNanos);
  }

  #nodeFor(ref: BudgetNodeRef): NodeState {
    let state = this.#nodes.get(ref.id);
    if (!state) {
      state = {
        totalNanos: ref.totalNanos,
        spentNanos: 0,
        reservedNanos: 0,
        window: ref.window,
        period: ref.window ? periodStart(ref.window, this.#now()) : 0,
        earlier: new Map(),
      };
      this.#nodes.set(ref.id, state);
    }
    return state;
  }

  /**
   * Moves a windowed node into the period the store's clock is in: the finished period keeps
   * its open holds (they settle there), the new one starts at 0 spent, 0 held.
   */
  #roll(state: NodeState): void {
    if (!state.window) return;
    const now = periodStart(state.window, this.#now());
    if (now <= state.period) return;
    if (state.reservedNanos > 0) {
      state.earlier.set(state.period, {
        spentNanos: state.spentNanos,
        reservedNanos: state.reservedNanos,
      });
    }
    state.period = now;
    state.spentNanos = 0;
    state.reservedNanos = 0;
  }

  /**
   * Charges `period` of a node. A finished period is kept only while it holds something: a
   * late charge to one whose holds all closed counts against no cap any more (what it spent
   * is the ledger's to report), so it is not kept.
   */
  #charge(state: NodeState, period: number, nanos: Nanos): void {
    const bucket = period === state.period ? state : state.earlier.get(period);
    if (bucket) bucket.spentNanos += nanos;
  }

  #release(state: NodeState, period: number, amountNanos: Nanos): void {
    if (period === state.period) {
      state.reservedNanos -= amountNanos;
      return;
    }
    const bucket = state.earlier.get(period);
    if (!bucket) return;
    bucket.reservedNanos -= amountNanos;
    if (bucket.reservedNanos <= 0) state.earlier.delete(period);
  }
}
