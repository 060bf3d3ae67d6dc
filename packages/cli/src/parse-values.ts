import { UsageError } from "./cli-errors.js";

const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
};

/** `500ms`, `30s`, `2m`, `1h`, or a bare number of seconds → whole milliseconds. */
export function parseDuration(flag: string, value: string, command: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  const ms = match
    ? Math.round(Number(match[1]) * DURATION_UNITS_MS[match[2] ?? "s"]!)
    : Number.NaN;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new UsageError(
      `--${flag} expects a duration like 30s, 500ms or 2m, got "${value}"`,
      command,
    );
  }
  return ms;
}

/** A dollar amount: `0.5`, `$2`, `1e-3`. Negative only where `allowNegative`. */
export function parseUsd(
  flag: string,
  value: string,
  command: string,
  { allowNegative = false, allowZero = false } = {},
): number {
  const usd = Number(value.trim().replace(/^\$/, ""));
  const ok =
    value.trim() !== "" &&
    Number.isFinite(usd) &&
    (allowNegative || usd >= 0) &&
    (allowZero || usd !== 0);
  if (!ok) {
    const what = allowNegative
      ? "a dollar amount like 5 or -2.5"
      : "a positive dollar amount like 0.50";
    throw new UsageError(`--${flag} expects ${what}, got "${value}"`, command);
  }
  return usd;
}

export function parsePositiveInt(flag: string, value: string, command: string): number {
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n <= 0) {
    throw new UsageError(`--${flag} expects a whole number above 0, got "${value}"`, command);
  }
  return n;
}

const AGO_UNITS_MS: Readonly<Record<string, number>> = {
  ...DURATION_UNITS_MS,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/**
 * A point in time for a report: `1d`, `12h`, `30m`, `2w` (that long before `now`), or a date
 * or date-time `Date.parse` reads (`2026-12-01` is midnight UTC). Returns ms since the epoch.
 */
export function parseSince(flag: string, value: string, now: number): number {
  const text = value.trim();
  const ago = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(text);
  if (ago) return now - Math.round(Number(ago[1]) * AGO_UNITS_MS[ago[2]!]!);
  const at = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(at)) {
    throw new UsageError(
      `--${flag} expects a time like 1d, 12h (ago) or 2026-12-01T09:00Z, got "${value}"`,
      "report",
    );
  }
  return at;
}
