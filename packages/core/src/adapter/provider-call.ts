import type { ChatMessage } from "../config/prompt.js";
import type { RunConfig } from "../config/run-config.js";
import type { ProviderToolCall } from "../tools/parse-tool-calls.js";
import type { ResponseSchemaSpec, ToolChoice, ToolSpec } from "../tools/tool-spec.js";
import type { FinishReason } from "./finish-reason.js";
import type { Usage } from "./usage.js";

/**
 * What an adapter's provider hook receives: the validated call, already normalised. The hook
 * sends exactly one request (core owns retries) and must pass `signal` to its SDK.
 */
export interface ProviderRequest<TConfig extends RunConfig = RunConfig> {
  readonly model: string;
  /** The conversation; a string prompt arrives as one user message. */
  readonly messages: readonly ChatMessage[];
  readonly systemPrompt: string | undefined;
  /**
   * The output cap to send. When a budget is attached and the caller set none, this is the
   * model's own ceiling from the price table, so the reservation's worst case really holds.
   */
  readonly maxOutputTokens: number | undefined;
  readonly temperature: number | undefined;
  /** The call's `tools` as JSON Schema (after the adapter's `toWireSchema`); `undefined` without tools. */
  readonly tools?: readonly ToolSpec[] | undefined;
  /** The call's `toolChoice`, when it set one (with tools only). */
  readonly toolChoice?: ToolChoice | undefined;
  /** The structured answer's schema (the call's `schema`), when it has one. */
  readonly responseSchema?: ResponseSchemaSpec | undefined;
  /** Fires on timeout, caller abort or stream cancel. */
  readonly signal: AbortSignal;
  /**
   * `false` when nothing can fire `signal` (no caller signal, no deadline, not a stream). An
   * adapter may then leave the signal off its SDK call: wiring one costs the SDK and fetch a
   * few percent of a fast call (the openai SDK composes it with `AbortSignal.any`, undici
   * listens on it). Absent or `true`: pass it.
   */
  readonly cancellable?: boolean | undefined;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** The amount reserved for this attempt in USD, when a budget is attached. */
  readonly reservedUsd: number | undefined;
  /**
   * Says "the provider has accepted this attempt, so it bills it": call it once the provider
   * answered 2xx, a stream opened, or a CLI started its turn. If the attempt then fails, or
   * finishes, with no usage and no provider cost, core charges the attempt's reservation (the
   * honest upper bound, `costSource: "reservation"`) instead of releasing it. Usage or a cost
   * that does arrive (on the response, or on the error) is charged instead. Calling it more
   * than once, or without a budget, changes nothing.
   */
  markBilled(): void;
  /** The whole validated config, including the adapter's own extra fields. */
  readonly config: TConfig;
}

/** What a provider hook returns for a finished, non-streamed call. */
export interface ProviderResponse {
  readonly text: string;
  /** The tool calls in the answer, arguments raw: core parses and validates them. */
  readonly toolCalls?: readonly ProviderToolCall[] | undefined;
  /** The model's refusal, when it declined (OpenAI `message.refusal`): core throws `LLMRefusalError`. */
  readonly refusal?: string | undefined;
  /** The model that answered, when the provider says (e.g. a dated snapshot). */
  readonly model?: string | undefined;
  readonly finishReason: FinishReason;
  /** Absent when the provider reported none; the call is then charged its reservation. */
  readonly usage: Usage | undefined;
  /** The provider's own bill for the call in USD, when it reports one (OpenRouter, Claude Code). */
  readonly costUsd?: number | undefined;
  readonly providerMetadata?: Readonly<Record<string, unknown>> | undefined;
}

/** The end of a stream: like a response, but text is assembled by core and usage may be absent. */
export interface ProviderStreamFinish {
  readonly type: "finish";
  /** Set when the stream carried a refusal instead of an answer. */
  readonly refusal?: string | undefined;
  readonly model?: string | undefined;
  readonly finishReason: FinishReason;
  /** Absent when the provider sent no usage; the call is then charged its reservation. */
  readonly usage?: Usage | undefined;
  readonly costUsd?: number | undefined;
  readonly providerMetadata?: Readonly<Record<string, unknown>> | undefined;
}

/** A tool call, yielded once it is complete (deltas assembled by the adapter). */
export interface ProviderStreamToolCall extends ProviderToolCall {
  readonly type: "tool-call";
}

export type ProviderStreamPart =
  | { readonly type: "text-delta"; readonly text: string }
  | ProviderStreamToolCall
  | ProviderStreamFinish;

/** A request before it is sent: what the budget hooks see. */
export type PreparedRequest<TConfig extends RunConfig = RunConfig> = Omit<
  ProviderRequest<TConfig>,
  "signal" | "attempt" | "reservedUsd" | "markBilled"
>;
