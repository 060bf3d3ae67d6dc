import type { FinishReason } from "./finish-reason.js";
import type { Usage } from "./usage.js";

/**
 * Where `costUsd` came from: the provider's own bill (`provider`), this library's dated price
 * table (`price-table`), the reservation because a cut stream never reported usage
 * (`reservation`, a worst-case upper bound), or nowhere (`unknown`: no price known and no
 * budget attached; `costUsd` is then `undefined`, never 0).
 */
export type CostSource = "provider" | "price-table" | "reservation" | "unknown";

export interface LLMResult {
  readonly text: string;
  /** The model that answered, as the provider reports it (may be a dated snapshot). */
  readonly model: string;
  readonly provider: string;
  readonly finishReason: FinishReason;
  readonly usage: Usage;
  /** USD; `undefined` only when `costSource` is `unknown`. */
  readonly costUsd: number | undefined;
  readonly costSource: CostSource;
  /** Wall time of the whole call, retries and back-off included. */
  readonly durationMs: number;
  /** Attempts made, 1 when the first one succeeded. */
  readonly attempts: number;
  /** Provider-specific extras: response id, upstream provider, session id, raw usage. */
  readonly providerMetadata: Readonly<Record<string, unknown>>;
}
