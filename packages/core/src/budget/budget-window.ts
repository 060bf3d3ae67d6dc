import { LLMConfigError } from "../errors/provider-errors.js";

/**
 * A budget that resets: its spend starts again from 0 at each boundary (`day`: midnight,
 * `week`: Monday 00:00, `month`: the 1st 00:00), in `timeZone`. Only `"UTC"` is supported:
 * boundaries in other zones move with daylight-saving rules, and a store must compute them
 * exactly and identically in every process (Redis' Lua has no zone database), so any other
 * zone is refused rather than approximated.
 */
export interface BudgetWindow {
  readonly every: "day" | "week" | "month";
  readonly timeZone?: "UTC";
}

/** A window after checking: the zone filled in. */
export interface ResolvedBudgetWindow {
  readonly every: "day" | "week" | "month";
  readonly timeZone: "UTC";
}

const DAY_MS = 86_400_000;
/** How long each window is, at most, for nesting checks (a month is the longest). */
const RANK = { day: 1, week: 2, month: 3 } as const;

export function resolveWindow(window: unknown, field = "window"): ResolvedBudgetWindow {
  const w = window as Partial<BudgetWindow> | null;
  if (typeof w !== "object" || w === null || !(w.every && w.every in RANK)) {
    throw new LLMConfigError(
      `Invalid budget option \`${field}\`: expected { every: "day" | "week" | "month", timeZone?: "UTC" }`,
      { field },
    );
  }
  const unknown = Object.keys(w).find((key) => key !== "every" && key !== "timeZone");
  if (unknown) {
    throw new LLMConfigError(`Unknown budget option \`${field}.${unknown}\``, {
      field: `${field}.${unknown}`,
    });
  }
  if (w.timeZone !== undefined && w.timeZone !== "UTC") {
    throw new LLMConfigError(
      `Budget windows support timeZone "UTC" only, got ${JSON.stringify(w.timeZone)}: a store ` +
        "must compute every boundary identically in every process, and zones with daylight " +
        "saving are not computed exactly yet. Use UTC boundaries (e.g. midnight UTC).",
      { field: `${field}.timeZone` },
    );
  }
  return { every: w.every, timeZone: "UTC" };
}

/**
 * Whether `child` nests in `parent`: each child period lies inside one parent period. Days
 * nest in weeks and months, weeks in weeks only (a week can straddle two months).
 */
export function windowNests(child: ResolvedBudgetWindow, parent: ResolvedBudgetWindow): boolean {
  if (child.every === parent.every) return true;
  return child.every === "day";
}

/** The start (ms since the epoch, UTC) of the period `atMs` falls in. */
export function periodStart(window: ResolvedBudgetWindow, atMs: number): number {
  const day = Math.floor(atMs / DAY_MS) * DAY_MS;
  switch (window.every) {
    case "day":
      return day;
    case "week": {
      // 1970-01-01 was a Thursday; ISO weeks start on Monday.
      const weekday = (new Date(day).getUTCDay() + 6) % 7;
      return day - weekday * DAY_MS;
    }
    case "month": {
      const date = new Date(atMs);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    }
  }
}

/** The end (exclusive) of the period that starts at `start`: the next period's start. */
export function periodEnd(window: ResolvedBudgetWindow, start: number): number {
  switch (window.every) {
    case "day":
      return start + DAY_MS;
    case "week":
      return start + 7 * DAY_MS;
    case "month": {
      const date = new Date(start);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    }
  }
}
