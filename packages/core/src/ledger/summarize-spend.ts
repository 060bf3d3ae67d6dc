import { type Nanos, nanosToUsd } from "../budget/money.js";
import type { SettleEvent } from "../budget/tracker-events.js";
import { LLMConfigError } from "../errors/provider-errors.js";
import type {
  SpendGroupKey,
  SpendReport,
  SpendReportQuery,
  SpendReportRow,
  SpendTotals,
} from "./spend-ledger.js";

/** The value a row shows for a metadata key the call did not set. */
export const NO_VALUE = "(none)";

class Totals {
  readonly callIds = new Set<string>();
  attempts = 0;
  inputTokens = 0;
  outputTokens = 0;
  totalTokens = 0;
  costNanos: Nanos = 0;

  add(event: SettleEvent): void {
    this.callIds.add(event.callId);
    this.attempts++;
    this.inputTokens += event.usage?.inputTokens ?? 0;
    this.outputTokens += event.usage?.outputTokens ?? 0;
    this.totalTokens += event.usage?.totalTokens ?? 0;
    this.costNanos += event.costNanos;
  }

  done(): SpendTotals {
    return {
      calls: this.callIds.size,
      attempts: this.attempts,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      totalTokens: this.totalTokens,
      costNanos: this.costNanos,
      costUsd: nanosToUsd(this.costNanos),
    };
  }
}

/** Checks the group keys a caller (or a command line) asked for. */
export function checkGroupBy(groupBy: readonly string[]): readonly SpendGroupKey[] {
  for (const key of groupBy) {
    const known =
      key === "budget" ||
      key === "provider" ||
      key === "model" ||
      key === "day" ||
      (key.startsWith("metadata.") && key.length > "metadata.".length);
    if (!known) {
      throw new LLMConfigError(
        `Unknown report group \`${key}\`: use budget, provider, model, day or metadata.<key>`,
        { field: "groupBy" },
      );
    }
  }
  return groupBy as readonly SpendGroupKey[];
}

function toMs(value: number | Date | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw new LLMConfigError(`\`${field}\` must be a time (ms since the epoch or a Date)`, {
      field,
    });
  }
  return ms;
}

/** The query's time range in ms: `[since, until)`. */
export function reportRange(query: SpendReportQuery): { since: number; until: number } {
  return {
    since: toMs(query.since, "since") ?? Number.NEGATIVE_INFINITY,
    until: toMs(query.until, "until") ?? Number.POSITIVE_INFINITY,
  };
}

function groupValue(event: SettleEvent, key: SpendGroupKey): string {
  switch (key) {
    case "budget":
      return event.budgetId;
    case "provider":
      return event.provider ?? NO_VALUE;
    case "model":
      return event.model ?? NO_VALUE;
    case "day":
      return new Date(event.at).toISOString().slice(0, 10);
    default: {
      const value = event.metadata?.[key.slice("metadata.".length)];
      return value === undefined || value === null ? NO_VALUE : String(value);
    }
  }
}

/**
 * Groups and sums settle events: the report every ledger gives. Each reservation counts once
 * (a settle recorded twice — a retried append, a ledger on a child and its root — is one
 * charge), so the total is exactly what the store charged, to the nano-dollar.
 */
export function summarizeSpend(
  events: Iterable<SettleEvent>,
  query: SpendReportQuery = {},
): SpendReport {
  const groupBy = checkGroupBy(query.groupBy ?? []);
  const { since, until } = reportRange(query);
  const seen = new Set<string>();
  const total = new Totals();
  const groups = new Map<string, { group: Record<string, string>; totals: Totals }>();
  for (const event of events) {
    if (event.at < since || event.at >= until) continue;
    if (query.budgetId !== undefined && !event.budgetPath.some((n) => n.id === query.budgetId)) {
      continue;
    }
    if (query.periodStart !== undefined) {
      const node =
        query.budgetId !== undefined
          ? event.budgetPath.find((n) => n.id === query.budgetId)
          : event.budgetPath.at(-1);
      if (node?.periodStart !== query.periodStart) continue;
    }
    if (seen.has(event.reservationId)) continue;
    seen.add(event.reservationId);
    total.add(event);
    const values = groupBy.map((key) => groupValue(event, key));
    const id = JSON.stringify(values);
    let entry = groups.get(id);
    if (!entry) {
      entry = {
        group: Object.fromEntries(groupBy.map((key, i) => [key, values[i]!])),
        totals: new Totals(),
      };
      groups.set(id, entry);
    }
    entry.totals.add(event);
  }
  const rows: SpendReportRow[] = [...groups.values()].map(({ group, totals }) => ({
    group,
    ...totals.done(),
  }));
  rows.sort(
    (a, b) =>
      b.costNanos - a.costNanos ||
      JSON.stringify(Object.values(a.group)).localeCompare(JSON.stringify(Object.values(b.group))),
  );
  return { groupBy, rows, total: total.done() };
}
