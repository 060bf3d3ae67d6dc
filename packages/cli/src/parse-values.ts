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
