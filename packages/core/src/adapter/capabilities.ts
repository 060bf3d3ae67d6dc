/**
 * What an adapter can send besides text. Core refuses a call that asks for more (before any
 * request), so an adapter that does not know tools can never drop them silently.
 */
export interface AdapterCapabilities {
  /** `tools`, `toolChoice`, assistant `toolCalls` and `role: "tool"` messages. */
  readonly tools: boolean;
  /** `schema`: the provider is asked for JSON matching it (core validates either way). */
  readonly structuredOutput: boolean;
}

/** The default: text only. */
export const TEXT_ONLY: AdapterCapabilities = Object.freeze({
  tools: false,
  structuredOutput: false,
});
