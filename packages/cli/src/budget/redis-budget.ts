import { BudgetTracker } from "@llmc/core";
import { BudgetStoreUnavailableError, CliConfigError } from "../cli-errors.js";
import type { Env } from "../cli-io.js";
import { importOptional } from "../providers/load-provider.js";

/** The Redis URL: `--redis`, else LLMC_REDIS_URL, else REDIS_URL, else the local default. */
export function redisUrl(flag: string | undefined, env: Env): string {
  return flag ?? env.LLMC_REDIS_URL ?? env.REDIS_URL ?? "redis://127.0.0.1:6379";
}

export async function loadBudgetRedis(neededFor: string) {
  return importOptional("@llmc/budget-redis", neededFor, () => import("@llmc/budget-redis"));
}

export type RedisStore = Awaited<
  ReturnType<Awaited<ReturnType<typeof loadBudgetRedis>>["RedisBudgetStore"]["connect"]>
>;

export async function connectStore(url: string, neededFor: string): Promise<RedisStore> {
  const { RedisBudgetStore } = await loadBudgetRedis(neededFor);
  try {
    return await RedisBudgetStore.connect({ url });
  } catch (error) {
    throw new BudgetStoreUnavailableError(
      `Could not connect to Redis at ${withoutCredentials(url)}, so nothing was done: start it, ` +
        "or point --redis (or LLMC_REDIS_URL) at yours.",
      { cause: error },
    );
  }
}

/** The URL to show: a `redis://user:password@host` never prints its password. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = "";
      parsed.password = "";
    }
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "the given URL";
  }
}

/**
 * A tracker for a budget that already lives in Redis, child ids (`team-a/agent-b`) included:
 * one tracker per level, so a call charges the whole chain up to the root, each level with the
 * total stored in Redis.
 */
export async function trackerForStoredBudget(
  store: RedisStore,
  id: string,
): Promise<BudgetTracker> {
  const parts = id.split("/");
  let tracker: BudgetTracker | undefined;
  for (let depth = 1; depth <= parts.length; depth++) {
    const levelId = parts.slice(0, depth).join("/");
    const state = await store.getBudget(levelId);
    if (!state) {
      throw new CliConfigError(
        `No budget "${levelId}" in Redis: create it with \`llmc budget create --id ${levelId} --total <USD>\`.`,
      );
    }
    const options = { id: parts[depth - 1]!, total: state.total, name: levelId };
    tracker = tracker ? tracker.child(options) : new BudgetTracker({ ...options, store });
  }
  return tracker!;
}
