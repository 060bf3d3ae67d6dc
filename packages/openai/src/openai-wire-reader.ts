/**
 * Reads fields of a decoded JSON value the way a tolerant schema would: a missing or `null`
 * field is `undefined`; a field of the wrong type is recorded as the first `problem` (and read
 * as `undefined`), so the caller can reject the whole value with a message naming the field.
 */
export class OpenAIWireReader {
  problem: string | undefined;

  record(value: unknown, path: string): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    this.problem ??= `${path} is not an object`;
    return undefined;
  }

  array(value: unknown, path: string): readonly unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value;
    this.problem ??= `${path} is not an array`;
    return undefined;
  }

  string(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    this.problem ??= `${path} is not a string`;
    return undefined;
  }

  /** A token count: a finite, non-negative number. */
  count(value: unknown, path: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
    this.problem ??= `${path} is not a token count`;
    return undefined;
  }

  require<T>(value: T | undefined, path: string): T | undefined {
    if (value === undefined) this.problem ??= `${path} is missing`;
    return value;
  }
}
