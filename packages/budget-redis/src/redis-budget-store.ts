import { randomUUID } from "node:crypto";
import {
  type BudgetNodeRef,
  type BudgetSnapshot,
  type BudgetState,
  type BudgetStore,
  LLMConfigError,
  type Nanos,
  nanosToUsd,
  periodEnd,
  periodStart,
  type ReserveOutcome,
  type ReserveRequest,
  type SettleOutcome,
  usdToNanos,
} from "@llmc/core";
import { Redis } from "ioredis";
import { SharedDeadlines } from "./deadlines.js";
import { BudgetHasOpenReservationsError, RedisBudgetStoreError } from "./errors.js";
import {
  assertBudgetId,
  assertReservationId,
  nodeKey,
  rootOf,
  type TreeKeys,
  treeKeyList,
  treeKeys,
} from "./keys.js";
import {
  ADJUST_TOTAL_LUA,
  CLOSE_BUDGET_LUA,
  RESERVE_LUA,
  SETTLE_LUA,
  SNAPSHOT_LUA,
} from "./lua/index.js";
import {
  type RedisBudgetStoreConnectOptions,
  type RedisBudgetStoreOptions,
  type ResolvedSettings,
  resolveSettings,
} from "./options.js";
import { asArray, toNanos, toText } from "./replies.js";
import { ReservationIndex } from "./reservation-index.js";
import { LuaScript, type RedisBudgetClient, runScript } from "./script-runner.js";

const SCRIPTS = {
  reserve: new LuaScript("reserve", RESERVE_LUA),
  settle: new LuaScript("settle", SETTLE_LUA),
  snapshot: new LuaScript("snapshot", SNAPSHOT_LUA),
  adjustTotal: new LuaScript("adjustTotal", ADJUST_TOTAL_LUA),
  closeBudget: new LuaScript("closeBudget", CLOSE_BUDGET_LUA),
} as const;

/** A budget's state in USD, and whether {@link RedisBudgetStore.createBudget} created it. */
export interface CreatedBudget extends BudgetState {
  readonly created: boolean;
}

export interface CloseBudgetOptions {
  /** Delete the tree even while reservations are open (their settles then report `unknown`). */
  readonly force?: boolean;
}

/**
 * A {@link BudgetStore} on Redis, for one budget shared by many processes and machines.
 *
 * Each operation is one Lua script, so it is atomic: a reservation is checked against every
 * node of its chain and recorded on all of them or on none. Reservations carry a lease (Redis'
 * clock); every script first frees the expired leases of its tree, so a crashed worker's holds
 * come back without any background timer. Redis down or silent → every method rejects.
 */
export class RedisBudgetStore implements BudgetStore {
  /** Windowed budgets reset by Redis' clock (`TIME` inside the scripts). */
  readonly supportsWindows = true;
  readonly client: RedisBudgetClient;
  readonly prefix: string;
  readonly commandTimeoutMs: number;
  readonly #settings: ResolvedSettings;
  /** ARGV[2] and ARGV[3] of every script, as strings once. */
  readonly #sweepArgs: readonly [string, string];
  readonly #deadlines: SharedDeadlines;
  readonly #ownsClient: boolean;
  readonly #index = new ReservationIndex();
  readonly #trees = new Map<string, TreeKeys>();

  constructor(options: RedisBudgetStoreOptions);
  /** @internal used by {@link RedisBudgetStore.connect}. */
  constructor(options: RedisBudgetStoreOptions, ownsClient: boolean);
  constructor(options: RedisBudgetStoreOptions, ownsClient = false) {
    if (!options?.client || typeof options.client.evalsha !== "function") {
      throw new LLMConfigError("RedisBudgetStore needs an ioredis client as `client`", {
        field: "client",
      });
    }
    this.#settings = resolveSettings(options);
    this.client = options.client;
    this.prefix = this.#settings.prefix;
    this.commandTimeoutMs = this.#settings.commandTimeoutMs;
    this.#deadlines = new SharedDeadlines(this.commandTimeoutMs);
    // A clock offset (tests) rides on the sweep limit: `<limit>:<offset>` (see lua/prelude.ts).
    const offset = this.#settings.clockOffsetMs;
    this.#sweepArgs = [
      offset === 0 ? String(this.#settings.sweepLimit) : `${this.#settings.sweepLimit}:${offset}`,
      String(this.#settings.settledMemoryMs),
    ];
    this.#ownsClient = ownsClient;
  }

  /**
   * Connects to Redis and returns a store that owns the connection ({@link close} quits it).
   * Rejects with {@link RedisBudgetStoreError} when Redis cannot be reached in time.
   */
  static async connect(options: RedisBudgetStoreConnectOptions = {}): Promise<RedisBudgetStore> {
    const settings = resolveSettings(options);
    // The store enforces commandTimeoutMs itself (for clients it did not make, too), so the
    // connection needs no per-command timer of its own.
    const client = new Redis(options.url ?? "redis://127.0.0.1:6379", {
      connectTimeout: settings.commandTimeoutMs,
      enableAutoPipelining: true,
      ...options.redisOptions,
      lazyConnect: true,
    });
    // Without a listener ioredis prints every reconnect error; callers see failures as
    // rejected operations instead.
    client.on("error", () => {});
    try {
      await client.connect();
    } catch (error) {
      client.disconnect();
      throw new RedisBudgetStoreError(
        `Could not connect to Redis: ${(error as Error)?.message ?? error}`,
        { operation: "connect", cause: error },
      );
    }
    return new RedisBudgetStore({ ...options, client }, true);
  }

  async reserve(request: ReserveRequest): Promise<ReserveOutcome> {
    const { reservationId, chain, amountNanos, leaseMs } = request;
    assertReservationId(reservationId);
    assertNanos(amountNanos, "amountNanos", { nonNegative: true });
    if (!Number.isFinite(leaseMs) || leaseMs <= 0) {
      throw new LLMConfigError(`leaseMs must be a positive number; got ${leaseMs}`, {
        field: "leaseMs",
      });
    }
    if (chain.length === 0) {
      throw new LLMConfigError("A reservation needs at least one budget in its chain", {
        field: "chain",
      });
    }
    const tree = this.#tree(chain[0]!.id);
    const seen = new Set<string>();
    const keys = treeKeyList(tree);
    const args = this.#baseArgs(tree);
    args.push(reservationId, String(amountNanos), String(Math.ceil(leaseMs)));
    for (const node of chain) {
      assertBudgetId(node.id);
      if (rootOf(node.id) !== tree.root) {
        throw new LLMConfigError(
          `Budget ${node.id} is not in the tree of ${chain[0]!.id}: a chain must share one root`,
          { field: "chain" },
        );
      }
      if (seen.has(node.id)) {
        throw new LLMConfigError(`Budget ${node.id} appears twice in the chain`, {
          field: "chain",
        });
      }
      seen.add(node.id);
      assertNanos(node.totalNanos, "totalNanos");
      keys.push(nodeKey(tree, node.id));
      args.push(node.id, String(node.totalNanos), node.window?.every ?? "");
    }
    const reply = asArray(await this.#run(SCRIPTS.reserve, keys, args), "reserve");
    const status = toText(reply[0], "reserve");
    if (status === "ok") {
      this.#index.remember(reservationId, tree.root);
      if (reply[1] === undefined || reply[1] === null) return { ok: true, reservationId };
      // The reserve time by Redis' clock: the hold belongs to its period on each windowed node
      // (computed here with the same UTC rules as the script).
      const at = toNanos(reply[1], "reserve");
      const periods = chain.map((node) => (node.window ? periodStart(node.window, at) : undefined));
      return { ok: true, reservationId, periods };
    }
    if (status !== "refused") {
      throw new RedisBudgetStoreError(`Unexpected reserve reply ${status}`, {
        operation: "reserve",
      });
    }
    return {
      ok: false,
      refusedBy: toText(reply[1], "reserve"),
      limitNanos: toNanos(reply[2], "reserve"),
      spentNanos: toNanos(reply[3], "reserve"),
      reservedNanos: toNanos(reply[4], "reserve"),
      requestedNanos: amountNanos,
    };
  }

  async settle(
    reservationId: string,
    actualNanos: Nanos,
    budgetId?: string,
  ): Promise<SettleOutcome> {
    // Trackers name the budget, so the tree (one hash slot) is known without the side index.
    if (budgetId !== undefined) return this.settleIn(budgetId, reservationId, actualNanos);
    assertReservationId(reservationId);
    assertNanos(actualNanos, "actualNanos", { nonNegative: true });
    const known = this.#index.rootOf(reservationId);
    const roots = known === undefined ? this.#index.recentRoots() : [known];
    for (const root of roots) {
      const outcome = await this.#settleIn(this.#tree(root), reservationId, actualNanos);
      if (outcome.status !== "unknown") {
        if (known === undefined) this.#index.remember(reservationId, root);
        return outcome;
      }
    }
    return { status: "unknown", chargedNanos: 0 };
  }

  release(reservationId: string, budgetId?: string): Promise<SettleOutcome> {
    return this.settle(reservationId, 0, budgetId);
  }

  /**
   * Settles a reservation in a named budget tree: for a process that did not make the
   * reservation and has not used its tree (e.g. a reaper). `budgetId` may be any node of the tree.
   */
  async settleIn(
    budgetId: string,
    reservationId: string,
    actualNanos: Nanos,
  ): Promise<SettleOutcome> {
    assertReservationId(reservationId);
    assertNanos(actualNanos, "actualNanos", { nonNegative: true });
    const tree = this.#tree(budgetId);
    const outcome = await this.#settleIn(tree, reservationId, actualNanos);
    if (outcome.status !== "unknown") this.#index.remember(reservationId, tree.root);
    return outcome;
  }

  async snapshot(node: BudgetNodeRef): Promise<BudgetSnapshot> {
    assertNanos(node.totalNanos, "totalNanos");
    const { exists, snapshot, period } = await this.#snapshot(node.id);
    const withTotal = exists ? snapshot : { ...snapshot, totalNanos: node.totalNanos };
    if (!node.window) return withTotal;
    // A node not created yet is in the period of now; Redis' clock is then not needed exactly.
    const start = period ?? periodStart(node.window, Date.now() + this.#settings.clockOffsetMs);
    return { ...withTotal, periodStart: start, periodEnd: periodEnd(node.window, start) };
  }

  async adjustTotal(node: BudgetNodeRef, deltaNanos: Nanos): Promise<BudgetSnapshot> {
    assertNanos(node.totalNanos, "totalNanos");
    return (await this.#adjust(node.id, node.totalNanos, deltaNanos)).snapshot;
  }

  /**
   * Creates a budget (a root, or a child id like `root/team`) with `totalUsd`, unless it
   * exists; an existing budget keeps its numbers. Safe to call from every worker at start-up.
   */
  async createBudget(id: string, totalUsd: number): Promise<CreatedBudget> {
    const totalNanos = usdFromUser(totalUsd, "totalUsd");
    if (totalNanos < 0) {
      throw new LLMConfigError("A budget's total cannot be negative", { field: "totalUsd" });
    }
    const { created, snapshot } = await this.#adjust(id, totalNanos, 0);
    return { ...toState(snapshot), created };
  }

  /** A budget's current state in USD, or `undefined` when it does not exist. */
  async getBudget(id: string): Promise<BudgetState | undefined> {
    const { exists, snapshot } = await this.#snapshot(id);
    return exists ? toState(snapshot) : undefined;
  }

  /** Raises (or with a negative amount, lowers) a budget's total; creates it at 0 if missing. */
  async topUp(id: string, usd: number): Promise<BudgetState> {
    const { snapshot } = await this.#adjust(id, 0, usdFromUser(usd, "usd"));
    return toState(snapshot);
  }

  /**
   * Deletes a whole budget tree (give its root id): every node, open reservation and settled-id
   * memory. Refuses with {@link BudgetHasOpenReservationsError} while reservations are open,
   * unless `force`. Returns how many budget nodes were deleted.
   */
  async closeBudget(rootId: string, options: CloseBudgetOptions = {}): Promise<number> {
    assertBudgetId(rootId);
    if (rootOf(rootId) !== rootId) {
      throw new LLMConfigError(`closeBudget takes a root budget id, got ${rootId}`, {
        field: "id",
      });
    }
    const tree = this.#tree(rootId);
    const args = this.#baseArgs(tree);
    args.push(options.force ? "1" : "0");
    const reply = asArray(
      await this.#run(SCRIPTS.closeBudget, treeKeyList(tree), args),
      "closeBudget",
    );
    const count = toNanos(reply[1], "closeBudget");
    if (toText(reply[0], "closeBudget") === "open") {
      throw new BudgetHasOpenReservationsError(rootId, count);
    }
    return count;
  }

  /**
   * Quits the connection if this store made it ({@link connect}) and resolves once it is
   * closed; a passed-in client is left open.
   */
  async close(): Promise<void> {
    const client = this.client;
    if (!this.#ownsClient || client.status === "end") return;
    const ended = new Promise<void>((resolve) => client.once("end", () => resolve()));
    try {
      await Promise.race([client.quit(), this.#deadlines.next()]);
    } catch {
      client.disconnect();
    }
    // Never hang on a client that will not report its end.
    await Promise.race([ended, this.#deadlines.next()]).catch(() => client.disconnect());
  }

  async #settleIn(
    tree: TreeKeys,
    reservationId: string,
    actualNanos: Nanos,
  ): Promise<SettleOutcome> {
    const args = this.#baseArgs(tree);
    args.push(reservationId, String(actualNanos));
    const reply = asArray(await this.#run(SCRIPTS.settle, treeKeyList(tree), args), "settle");
    const status = toText(reply[0], "settle");
    const chargedNanos = toNanos(reply[1], "settle");
    switch (status) {
      case "settled":
      case "already-settled":
      case "expired":
        return { status, chargedNanos };
      case "unknown":
        return { status, chargedNanos: 0 };
      default:
        throw new RedisBudgetStoreError(`Unexpected settle reply ${status}`, {
          operation: "settle",
        });
    }
  }

  async #snapshot(
    id: string,
  ): Promise<{ exists: boolean; snapshot: BudgetSnapshot; period: number | undefined }> {
    const tree = this.#tree(id);
    const keys = treeKeyList(tree);
    keys.push(nodeKey(tree, id));
    const reply = asArray(
      await this.#run(SCRIPTS.snapshot, keys, this.#baseArgs(tree)),
      "snapshot",
    );
    const exists = reply[0] === 1 || reply[0] === "1";
    const period =
      reply[4] === undefined || reply[4] === null ? undefined : toNanos(reply[4], "snapshot");
    return {
      exists,
      period,
      snapshot: {
        id,
        totalNanos: exists ? toNanos(reply[1], "snapshot") : 0,
        spentNanos: toNanos(reply[2], "snapshot"),
        reservedNanos: toNanos(reply[3], "snapshot"),
      },
    };
  }

  async #adjust(
    id: string,
    totalIfCreated: Nanos,
    deltaNanos: Nanos,
  ): Promise<{ created: boolean; snapshot: BudgetSnapshot }> {
    assertNanos(deltaNanos, "deltaNanos");
    const tree = this.#tree(id);
    const keys = treeKeyList(tree);
    keys.push(nodeKey(tree, id));
    const args = this.#baseArgs(tree);
    // A fresh operation id per call: if the client re-sends the command after a lost reply,
    // the script sees the id again and does not add the delta twice.
    args.push(id, String(totalIfCreated), String(deltaNanos), deltaNanos === 0 ? "" : randomUUID());
    const reply = asArray(await this.#run(SCRIPTS.adjustTotal, keys, args), "adjustTotal");
    if (reply[0] === "out-of-range") {
      throw new LLMConfigError(
        `A top-up of ${deltaNanos} nano-dollars would take budget ${id}'s total (now ` +
          `${toText(reply[1], "adjustTotal")}) past Number.MAX_SAFE_INTEGER nano-dollars ` +
          "(≈ $9.007M), the most a budget holds exactly; nothing was changed",
        { field: "usd" },
      );
    }
    return {
      created: reply[0] === 1 || reply[0] === "1",
      snapshot: {
        id,
        totalNanos: toNanos(reply[1], "adjustTotal"),
        spentNanos: toNanos(reply[2], "adjustTotal"),
        reservedNanos: toNanos(reply[3], "adjustTotal"),
      },
    };
  }

  #run(script: LuaScript, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    return runScript(this.client, script, keys, args, this.#deadlines);
  }

  #baseArgs(tree: TreeKeys): string[] {
    return [tree.nodePrefix, this.#sweepArgs[0], this.#sweepArgs[1]];
  }

  #tree(budgetId: string): TreeKeys {
    const root = rootOf(budgetId);
    let tree = this.#trees.get(root);
    if (!tree) {
      tree = treeKeys(this.prefix, budgetId);
      if (this.#trees.size >= 1_000) this.#trees.clear();
      this.#trees.set(root, tree);
    } else {
      assertBudgetId(budgetId);
    }
    this.#index.touch(root);
    return tree;
  }
}

function assertNanos(value: Nanos, field: string, options: { nonNegative?: boolean } = {}): void {
  if (!Number.isSafeInteger(value) || (options.nonNegative && value < 0)) {
    throw new LLMConfigError(
      `${field} must be a whole${options.nonNegative ? ", non-negative" : ""} number of ` +
        `nano-dollars; got ${value}`,
      { field },
    );
  }
}

function usdFromUser(usd: number, field: string): Nanos {
  if (typeof usd !== "number" || !Number.isFinite(usd)) {
    throw new LLMConfigError(`${field} must be a finite number of USD; got ${usd}`, { field });
  }
  const nanos = usdToNanos(usd);
  assertNanos(nanos, field);
  return nanos;
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
