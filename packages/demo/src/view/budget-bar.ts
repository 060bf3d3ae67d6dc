import type { BudgetTracker } from "@llmc/core";

export interface BarParts {
  /** Cells for money spent, for money held by calls in flight, and free. */
  readonly spent: number;
  readonly held: number;
  readonly free: number;
}

/** How many of `width` cells are spent and held; any non-zero amount shows at least one. */
export function barParts(
  tracker: Pick<BudgetTracker, "total" | "spent" | "reserved">,
  width: number,
): BarParts {
  const cells = (usd: number) =>
    tracker.total <= 0
      ? 0
      : Math.min(width, Math.ceil((Math.max(0, usd) / tracker.total) * width - 1e-9));
  const spent = cells(tracker.spent);
  const held = Math.min(width - spent, cells(tracker.reserved));
  return { spent, held, free: width - spent - held };
}
