/** Why the model stopped, normalised across providers. The raw value is kept beside it. */
export type FinishReasonKind =
  | "stop"
  | "length"
  | "content-filter"
  | "tool-calls"
  | "error"
  | "other"
  | "unknown";

export interface FinishReason {
  readonly kind: FinishReasonKind;
  /** The provider's own value, e.g. `end_turn`, `MAX_TOKENS`, `content_filter`. */
  readonly raw: string | undefined;
}
