import type { Usage } from "@llmc/core/adapter";

/** What a failed attempt reports for charging: the provider's bill and the usage it sent. */
export interface AttemptCharge {
  readonly usage?: Usage;
  readonly reportedCostUsd?: number;
}

const NOTHING: AttemptCharge = {};

/**
 * The charge an answered attempt's error carries: the provider's own cost when it sent one
 * (with the usage beside it), else the usage (core prices it from the table). With neither,
 * nothing: the adapter has called `request.markBilled()` on the 200, so core charges the
 * attempt's whole reservation, the honest upper bound.
 */
export function attemptCharge(
  usage: Usage | undefined,
  costUsd: number | undefined,
): AttemptCharge {
  if (costUsd !== undefined)
    return usage ? { usage, reportedCostUsd: costUsd } : { reportedCostUsd: costUsd };
  return usage ? { usage } : NOTHING;
}
