import { createHash } from "node:crypto";
import type { Cluster, Redis } from "ioredis";
import { type SharedDeadlines, TIMED_OUT } from "./deadlines.js";
import { RedisBudgetStoreError } from "./errors.js";

/** The clients the store accepts: a single ioredis connection or an ioredis Cluster. */
export type RedisBudgetClient = Redis | Cluster;

/** A Lua script and its SHA1, run with EVALSHA and, when Redis lacks it, EVAL. */
export class LuaScript {
  readonly sha: string;
  constructor(
    readonly name: string,
    readonly source: string,
  ) {
    this.sha = createHash("sha1").update(source).digest("hex");
  }
}

/** Scripts report refusals of bad input with errors starting with this marker. */
const SCRIPT_ERROR_MARKER = "LLMC_";

/**
 * Runs a script atomically. EVALSHA first; on NOSCRIPT (a fresh or restarted Redis, another
 * Cluster node) the script did not run, so sending it whole with EVAL is safe and caches it.
 * Rejects with {@link RedisBudgetStoreError} when Redis fails, or stays silent past the deadline.
 */
export async function runScript(
  client: RedisBudgetClient,
  script: LuaScript,
  keys: readonly string[],
  args: readonly string[],
  deadlines: SharedDeadlines,
): Promise<unknown> {
  try {
    return await Promise.race([attempt(client, script, keys, args), deadlines.next()]);
  } catch (error) {
    if (error === TIMED_OUT) {
      throw new RedisBudgetStoreError(
        `Redis did not answer ${script.name} within ${deadlines.timeoutMs} ms (commandTimeoutMs)`,
        { operation: script.name, timedOut: true },
      );
    }
    const message = (error as Error)?.message ?? String(error);
    if (message.startsWith(SCRIPT_ERROR_MARKER)) {
      // Input the script refused (e.g. a reused reservation id): not an outage.
      throw new Error(message.slice(message.indexOf(" ") + 1), { cause: error });
    }
    throw new RedisBudgetStoreError(`Redis failed during ${script.name}: ${message}`, {
      operation: script.name,
      cause: error,
    });
  }
}

async function attempt(
  client: RedisBudgetClient,
  script: LuaScript,
  keys: readonly string[],
  args: readonly string[],
): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!String((error as Error)?.message ?? "").startsWith("NOSCRIPT")) throw error;
    return await client.eval(script.source, keys.length, ...keys, ...args);
  }
}
