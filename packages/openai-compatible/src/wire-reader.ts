/** A decoded JSON object, as the readers see it. */
export type WireObject = Readonly<Record<string, unknown>>;

/**
 * Reads fields of a decoded JSON value the way a tolerant schema would: a missing or `null`
 * field is `undefined`; a field of the wrong type is recorded as the first `problem` (and read
 * as `undefined`), so the caller can reject the whole value with a message naming the field.
 *
 * Hand-written rather than zod: the readers run on every response and every stream chunk, and
 * inside the request loop a zod parse of the same shape measured 5–25 µs per call (p50–p90),
 * most of the adapter's whole overhead budget (bench/openai-adapter-overhead.bench.mjs).
 */
export class WireReader {
  problem: string | undefined;

  record(value: unknown, path: string): WireObject | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "object" && !Array.isArray(value)) return value as WireObject;
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

  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "boolean") return value;
    this.problem ??= `${path} is not a boolean`;
    return undefined;
  }

  /** A finite number (a price may be any sign here; callers check what they charge). */
  number(value: unknown, path: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === "number" && Number.isFinite(value)) return value;
    this.problem ??= `${path} is not a number`;
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

/** The outcome of reading a body or a chunk: the value, or the first problem found. */
export type WireRead<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string };
