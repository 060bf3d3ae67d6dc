import type { ToolCall } from "../tools/tool.js";
import type { FinishReason } from "./finish-reason.js";
import type { Usage } from "./usage.js";

/**
 * Where `costUsd` came from: the provider's own bill (`provider`), this library's dated price
 * table (`price-table`), the reservation because a cut stream never reported usage
 * (`reservation`, a worst-case upper bound), or nowhere (`unknown`: no price known and no
 * budget attached; `costUsd` is then `undefined`, never 0).
 */
export type CostSource = "provider" | "price-table" | "reservation" | "unknown";

/**
 * One finished call. `TObject` is the structured answer's type (`z.output` of the call's
 * `schema`), `TToolCall` the calls its `tools` can produce; both are inferred by
 * `executePrompt` / `streamPrompt` from the config.
 */
export interface LLMResult<TObject = unknown, TToolCall extends ToolCall = ToolCall> {
  readonly text: string;
  /**
   * The tool calls the model asked for, inputs validated by each tool's schema; `[]` when it
   * asked for none (and always without `tools`). `finishReason.kind` is then `"tool-calls"`.
   */
  readonly toolCalls: readonly TToolCall[];
  /**
   * With a `schema`: the answer parsed and validated by it (`undefined` on a turn that called
   * tools instead). Without one: `undefined`.
   */
  readonly object: TObject;
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
  /** Attempts made, 1 when the first one succeeded (repair calls' attempts included). */
  readonly attempts: number;
  /**
   * Repair calls made (`repair: { attempts }`): 0 when the first answer was valid. Usage, cost,
   * attempts and duration above cover the original call and its repairs together.
   */
  readonly repairs: number;
  /** Provider-specific extras: response id, upstream provider, session id, raw usage. */
  readonly providerMetadata: Readonly<Record<string, unknown>>;
}
