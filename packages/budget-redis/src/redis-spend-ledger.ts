import {
  type BudgetTracker,
  LedgerAttachments,
  LLMConfigError,
  type SettleEvent,
  type SpendLedger,
  type SpendReport,
  type SpendReportQuery,
  summarizeSpend,
} from "@llmc/core";
import { Redis } from "ioredis";
import { SharedDeadlines, TIMED_OUT } from "./deadlines.js";
import { RedisBudgetStoreError } from "./errors.js";
import { assertBudgetId, assertPrefix, DEFAULT_PREFIX, rootOf } from "./keys.js";
import { LEDGER_APPEND_LUA } from "./lua/index.js";
import { DEFAULT_COMMAND_TIMEOUT_MS } from "./options.js";
import { LuaScript, type RedisBudgetClient, runScript } from "./script-runner.js";

const APPEND = new LuaScript("ledgerAppend", LEDGER_APPEND_LUA);
/** Entries read per XRANGE while building a report. */
const PAGE = 1_000;
export const DEFAULT_LEDGER_RETENTION_MS = 90 * 24 * 60 * 60_000;

export interface RedisSpendLedgerSettings {
  /** Same as the store's: the stream of tree `root` is `<prefix>:{root}:ledger`. */
  readonly prefix?: string;
  /** Entries older than this (Redis' clock) are trimmed as new ones arrive. Default 90 days. */
  readonly retentionMs?: number;
  /** An append or read Redis has not answered by then rejects. Default 2000. */
  readonly commandTimeoutMs?: number;
}

export interface RedisSpendLedgerOptions extends RedisSpendLedgerSettings {
  /** A connected ioredis `Redis` or `Cluster` (e.g. `store.client`); never closed by the ledger. */
  readonly client: RedisBudgetClient;
}

export interface RedisSpendLedgerConnectOptions extends RedisSpendLedgerSettings {
  /** Default `redis://127.0.0.1:6379`. */
  readonly url?: string;
}

/**
 * A spend ledger on Redis: one append-only Stream per budget tree
 * (`<prefix>:{root}:ledger`, in the tree's hash slot), each entry one settle event, its id
 * Redis' clock. Every process attached to the same tree appends to the same stream, so a
 * report from anywhere covers the whole fleet.
 *
 * Appends happen after the store took the settle (a separate command): a process that dies
 * between the two, or an append Redis fails, loses that entry (an `LLMC_SPEND_LEDGER`
 * warning says so); a re-sent append is counted once (reports count each reservation once).
 */
export class RedisSpendLedger implements SpendLedger {
  readonly client: RedisBudgetClient;
  readonly prefix: string;
  readonly retentionMs: number;
  readonly #deadlines: SharedDeadlines;
  readonly #ownsClient: boolean;
  readonly #attachments = new LedgerAttachments((event) => this.record(event));
  /** Trees this ledger has appended to: what a report without `budgetId` reads. */
  readonly #roots = new Set<string>();

  constructor(options: RedisSpendLedgerOptions);
  /** @internal used by {@link RedisSpendLedger.connect}. */
  constructor(options: RedisSpendLedgerOptions, ownsClient: boolean);
  constructor(options: RedisSpendLedgerOptions, ownsClient = false) {
    if (!options?.client || typeof options.client.evalsha !== "function") {
      throw new LLMConfigError("RedisSpendLedger needs an ioredis client as `client`", {
        field: "client",
      });
    }
    this.client = options.client;
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
    assertPrefix(this.prefix);
    this.retentionMs = positiveInt(options.retentionMs, DEFAULT_LEDGER_RETENTION_MS, "retentionMs");
    this.#deadlines = new SharedDeadlines(
      positiveInt(options.commandTimeoutMs, DEFAULT_COMMAND_TIMEOUT_MS, "commandTimeoutMs"),
    );
    this.#ownsClient = ownsClient;
  }

  /** Connects and returns a ledger that owns the connection ({@link close} quits it). */
  static async connect(options: RedisSpendLedgerConnectOptions = {}): Promise<RedisSpendLedger> {
    const timeoutMs = positiveInt(
      options.commandTimeoutMs,
      DEFAULT_COMMAND_TIMEOUT_MS,
      "commandTimeoutMs",
    );
    const client = new Redis(options.url ?? "redis://127.0.0.1:6379", {
      connectTimeout: timeoutMs,
      enableAutoPipelining: true,
      lazyConnect: true,
    });
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
    return new RedisSpendLedger({ ...options, client }, true);
  }

  /** The stream key of the tree `budgetId` belongs to. */
  streamKey(budgetId: string): string {
    assertBudgetId(budgetId);
    return `${this.prefix}:{${rootOf(budgetId)}}:ledger`;
  }

  async record(event: SettleEvent): Promise<void> {
    const root = rootOf(event.budgetId);
    // `at` is not stored: the entry id is Redis' clock, the one every process shares.
    const { at: _at, ...rest } = event;
    await runScript(
      this.client,
      APPEND,
      [this.streamKey(event.budgetId)],
      [JSON.stringify(rest), String(this.retentionMs)],
      this.#deadlines,
    );
    this.#roots.add(root);
  }

  attach(tracker: BudgetTracker): () => void {
    this.#roots.add(rootOf(tracker.id));
    return this.#attachments.attach(tracker);
  }

  flush(): Promise<void> {
    return this.#attachments.flush();
  }

  /**
   * Reads the tree of `query.budgetId` (or every tree this ledger attached to or appended to)
   * from `since` to `until` by Redis' clock, and sums it like every ledger does.
   */
  async report(query: SpendReportQuery = {}): Promise<SpendReport> {
    const roots = query.budgetId !== undefined ? [rootOf(query.budgetId)] : [...this.#roots];
    if (roots.length === 0) {
      throw new LLMConfigError(
        "A Redis spend report needs `budgetId` (any budget of the tree to read): this ledger " +
          "has not attached to or recorded any budget",
        { field: "budgetId" },
      );
    }
    // Checks the query (group keys, times) before any read.
    summarizeSpend([], query);
    const events: SettleEvent[] = [];
    for (const root of roots) events.push(...(await this.#read(root, query)));
    return summarizeSpend(events, query);
  }

  /**
   * Quits the connection if this ledger made it ({@link connect}); a passed-in client is left
   * open. Call {@link flush} first to keep appends still running.
   */
  async close(): Promise<void> {
    if (!this.#ownsClient || this.client.status === "end") return;
    try {
      await Promise.race([this.client.quit(), this.#deadlines.next()]);
    } catch {
      this.client.disconnect();
    }
  }

  async #read(root: string, query: SpendReportQuery): Promise<SettleEvent[]> {
    const key = this.streamKey(root);
    const since = toMs(query.since);
    const until = toMs(query.until);
    let start = since === undefined ? "-" : String(Math.max(0, Math.ceil(since)));
    // Stream ids are `<ms>-<seq>`; `until` is exclusive, so the last ms read is until − 1.
    const end = until === undefined ? "+" : String(Math.ceil(until) - 1);
    const events: SettleEvent[] = [];
    if (until !== undefined && Math.ceil(until) - 1 < 0) return events;
    for (;;) {
      const page = await this.#xrange(key, start, end);
      for (const [id, fields] of page) events.push(parseEntry(key, id, fields));
      if (page.length < PAGE) return events;
      start = `(${page[page.length - 1]![0]}`;
    }
  }

  async #xrange(key: string, start: string, end: string): Promise<[string, string[]][]> {
    try {
      return await Promise.race([
        this.client.xrange(key, start, end, "COUNT", PAGE),
        this.#deadlines.next(),
      ]);
    } catch (error) {
      if (error === TIMED_OUT) {
        throw new RedisBudgetStoreError(
          `Redis did not answer the ledger read within ${this.#deadlines.timeoutMs} ms (commandTimeoutMs)`,
          { operation: "ledgerRead", timedOut: true },
        );
      }
      throw new RedisBudgetStoreError(
        `Redis failed during the ledger read: ${(error as Error)?.message ?? error}`,
        { operation: "ledgerRead", cause: error },
      );
    }
  }
}

function parseEntry(key: string, id: string, fields: readonly string[]): SettleEvent {
  const index = fields.indexOf("e");
  try {
    const body = JSON.parse(fields[index + 1]!) as Omit<SettleEvent, "at">;
    return { ...body, at: Number(id.slice(0, id.indexOf("-"))) };
  } catch (error) {
    throw new RedisBudgetStoreError(`Ledger entry ${id} of ${key} is not a settle event`, {
      operation: "ledgerRead",
      cause: error,
    });
  }
}

function toMs(value: number | Date | undefined): number | undefined {
  return value instanceof Date ? value.getTime() : value;
}

function positiveInt(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new LLMConfigError(`Invalid option \`${field}\`: expected a positive integer`, {
      field,
    });
  }
  return value;
}
