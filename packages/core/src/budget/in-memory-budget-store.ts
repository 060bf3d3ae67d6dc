import { Mutex } from "async-mutex";
import { LLMConfigError } from "../errors/provider-errors.js";
import type {
  BudgetNodeRef,
  BudgetSnapshot,
  BudgetStore,
  ReserveOutcome,
  ReserveRequest,
  SettleOutcome,
} from "./budget-store.js";
import { checkNanosAmount, isExactNanos, type Nanos } from "./money.js";

interface NodeState {
  totalNanos: Nanos;
  spentNanos: Nanos;
  reservedNanos: Nanos;
}

interface OpenReservation {
  readonly chain: readonly string[];
  readonly amountNanos: Nanos;
}

/**
 * Settled reservation ids are remembered so a late second settle stays a no-op: in two
 * generations of this many, the older dropped whole when the newer fills. (Deleting the oldest
 * entry of one big Map instead is O(n) in V8, which scans past the deleted slots.)
 */
const SETTLED_GENERATION_SIZE = 50_000;

/**
 * The default store: one process, no persistence. Each operation runs under one async-mutex,
 * so a reservation checks and updates the whole chain without any other operation in between.
 * Every operation is synchronous inside the lock, so when the lock is free it runs at once
 * (taking the lock and freeing it would cost two microtask hops on every call's hot path and
 * change nothing); an operation that finds the lock held waits its turn.
 * Leases are not enforced here: a crashed process takes its in-memory budget with it.
 */
export class InMemoryBudgetStore implements BudgetStore {
  readonly #mutex = new Mutex();
  readonly #nodes = new Map<string, NodeState>();
  readonly #open = new Map<string, OpenReservation>();
  #settled = new Map<string, Nanos>();
  #settledBefore = new Map<string, Nanos>();

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
    const state = this.#nodes.get(node.id);
    return {
      id: node.id,
      totalNanos: state?.totalNanos ?? node.totalNanos,
      spentNanos: state?.spentNanos ?? 0,
      reservedNanos: state?.reservedNanos ?? 0,
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

  #exclusive<T>(operation: () => T): Promise<T> {
    if (this.#mutex.isLocked()) return this.#mutex.runExclusive(operation);
    try {
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
    this.#open.set(request.reservationId, {
      chain: request.chain.map((ref) => ref.id),
      amountNanos: request.amountNanos,
    });
    return { ok: true, reservationId: request.reservationId };
  }

  #settleNow(reservationId: string, actualNanos: Nanos): SettleOutcome {
    checkNanosAmount(actualNanos, "actualNanos");
    const reservation = this.#open.get(reservationId);
    if (!reservation) {
      const charged = this.#settled.get(reservationId) ?? this.#settledBefore.get(reservationId);
      return charged === undefined
        ? { status: "unknown", chargedNanos: 0 }
        : { status: "already-settled", chargedNanos: charged };
    }
    this.#open.delete(reservationId);
    for (const id of reservation.chain) {
      const state = this.#nodes.get(id)!;
      state.reservedNanos -= reservation.amountNanos;
      state.spentNanos += actualNanos;
    }
    this.#rememberSettled(reservationId, actualNanos);
    return { status: "settled", chargedNanos: actualNanos };
  }

  #rememberSettled(reservationId: string, chargedNanos: Nanos): void {
    if (this.#settled.size >= SETTLED_GENERATION_SIZE) {
      this.#settledBefore = this.#settled;
      this.#settled = new Map();
    }
    this.#settled.set(reservationId, chargedNanos);
  }

  #nodeFor(ref: BudgetNodeRef): NodeState {
    let state = this.#nodes.get(ref.id);
    if (!state) {
      state = { totalNanos: ref.totalNanos, spentNanos: 0, reservedNanos: 0 };
      this.#nodes.set(ref.id, state);
    }
    return state;
  }
}
