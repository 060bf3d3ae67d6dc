import { LLMConfigError } from "@llmc/core";
import type { RedisOptions } from "ioredis";
import { assertPrefix, DEFAULT_PREFIX } from "./keys.js";
import type { RedisBudgetClient } from "./script-runner.js";

export const DEFAULT_COMMAND_TIMEOUT_MS = 2_000;
export const DEFAULT_SWEEP_LIMIT = 100;
export const DEFAULT_SETTLED_MEMORY_MS = 24 * 60 * 60_000;

/** Settings shared by both ways of making a store. */
export interface RedisBudgetStoreSettings {
  /** Prepended to every key (`<prefix>:{root}:…`). Default `llmc:budget`. */
  readonly prefix?: string;
  /**
   * A store operation that gets no answer within this many milliseconds rejects (the tracker
   * then fails closed with `LLMBudgetStoreError`). Default 2000.
   */
  readonly commandTimeoutMs?: number;
  /** At most this many expired leases (and old settled ids) are freed per call. Default 100. */
  readonly sweepLimit?: number;
  /**
   * How long a settled reservation id is remembered, so a repeated settle reports
   * `already-settled` instead of `unknown`, and a late settle of an expired lease is still
   * charged. Default 24 h.
   */
  readonly settledMemoryMs?: number;
  /**
   * For tests only: add this many ms (may be negative) to Redis' clock in every script, so a
   * test can put a window boundary a second away. Every process sharing the budget must use
   * the same value (the boundary is still decided by one clock: Redis' plus this constant).
   * Default 0.
   */
  readonly clockOffsetMs?: number;
}

export interface RedisBudgetStoreOptions extends RedisBudgetStoreSettings {
  /** A connected (or connecting) ioredis `Redis` or `Cluster`. The store never closes it. */
  readonly client: RedisBudgetClient;
}

export interface RedisBudgetStoreConnectOptions extends RedisBudgetStoreSettings {
  /** `redis://[[user]:password@]host[:port][/db]` or `rediss://…`. Default `redis://127.0.0.1:6379`. */
  readonly url?: string;
  /**
   * Passed to `new Redis(url, redisOptions)`. The store sets `enableAutoPipelining: true` (many
   * concurrent calls share socket writes) and `connectTimeout: commandTimeoutMs`; yours win.
   */
  readonly redisOptions?: RedisOptions;
}

export interface ResolvedSettings {
  readonly prefix: string;
  readonly commandTimeoutMs: number;
  readonly sweepLimit: number;
  readonly settledMemoryMs: number;
  readonly clockOffsetMs: number;
}

export function resolveSettings(settings: RedisBudgetStoreSettings): ResolvedSettings {
  const prefix = settings.prefix ?? DEFAULT_PREFIX;
  assertPrefix(prefix);
  return {
    prefix,
    commandTimeoutMs: positiveInt(
      settings.commandTimeoutMs,
      DEFAULT_COMMAND_TIMEOUT_MS,
      "commandTimeoutMs",
    ),
    sweepLimit: positiveInt(settings.sweepLimit, DEFAULT_SWEEP_LIMIT, "sweepLimit"),
    settledMemoryMs: positiveInt(
      settings.settledMemoryMs,
      DEFAULT_SETTLED_MEMORY_MS,
      "settledMemoryMs",
    ),
    clockOffsetMs: clockOffset(settings.clockOffsetMs),
  };
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

function clockOffset(value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isSafeInteger(value)) {
    throw new LLMConfigError("Invalid option `clockOffsetMs`: expected a whole number of ms", {
      field: "clockOffsetMs",
    });
  }
  return value;
}
