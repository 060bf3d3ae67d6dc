import type { ProviderRequest, Usage } from "@llmc/core";

/** What a failed attempt is charged: the provider's bill, else its usage, else the reservation. */
export interface AttemptCharge {
  readonly usage?: Usage;
  readonly reportedCostUsd?: number;
}

/**
 * The charge for an attempt the provider answered 200 and so will bill: its own cost when it
 * sent one (with the usage beside it), else the usage (core prices it from the table), else
 * — billed, amount unknown — the attempt's whole reservation, the honest upper bound.
 */
export function answeredAttemptCharge(
  usage: Usage | undefined,
  costUsd: number | undefined,
  request: Pick<ProviderRequest, "reservedUsd">,
): AttemptCharge {
  if (costUsd !== undefined)
    return usage ? { usage, reportedCostUsd: costUsd } : { reportedCostUsd: costUsd };
  if (usage) return { usage };
  return request.reservedUsd !== undefined ? { reportedCostUsd: request.reservedUsd } : {};
}
