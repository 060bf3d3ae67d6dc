import type { Nanos } from "@llmc/core";
import { RedisBudgetStoreError } from "./errors.js";

/** Script replies are arrays; anything else means a wrong script or a broken proxy. */
export function asArray(reply: unknown, operation: string): readonly unknown[] {
  if (!Array.isArray(reply)) throw badReply(operation, reply);
  return reply;
}

/**
 * Parses an amount Redis returned. Scripts return amounts as the exact decimal strings Redis
 * stored (never as Lua numbers), so nothing is rounded on the way.
 */
export function toNanos(value: unknown, operation: string): Nanos {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !/^-?\d+$/.test(text)) throw badReply(operation, value);
  const nanos = Number(text);
  if (!Number.isSafeInteger(nanos)) throw badReply(operation, value);
  return nanos;
}

export function toText(value: unknown, operation: string): string {
  if (typeof value === "string") return value;
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  throw badReply(operation, value);
}

function badReply(operation: string, reply: unknown): RedisBudgetStoreError {
  return new RedisBudgetStoreError(
    `Redis answered ${operation} with something unexpected: ${JSON.stringify(reply)}`,
    { operation },
  );
}
