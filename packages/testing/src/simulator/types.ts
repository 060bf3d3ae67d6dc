/**
 * Public types of the local provider simulator.
 *
 * The simulator is one `node:http` server on loopback that speaks four wire protocols
 * (OpenAI Chat Completions, OpenRouter, Gemini `generateContent`, Anthropic Messages). Each
 * request consumes the next scripted {@link SimulatorStep} of its provider; with an empty
 * queue the provider's default step applies (a deterministic reply, see
 * {@link SimulatorReply}).
 */

/** The four protocols the simulator speaks. */
export type SimulatorProvider = "openai" | "openrouter" | "gemini" | "anthropic";

/** Every provider name, in a fixed order. */
export const SIMULATOR_PROVIDERS: readonly SimulatorProvider[] = [
  "openai",
  "openrouter",
  "gemini",
  "anthropic",
];

export interface StartSimulatorOptions {
  /** TCP port; `0` (the default) picks a free one. */
  readonly port?: number;
  /** Interface to bind. Default `"127.0.0.1"`. Keep it on loopback. */
  readonly host?: string;
  /**
   * Keys the simulator accepts, for every provider. Default `["sk-test"]`. A request with
   * another key, or none, gets that provider's real authentication error (OpenAI/OpenRouter/
   * Anthropic 401; Gemini 400 `API_KEY_INVALID`, or 403 when no key is sent) and consumes
   * no scripted step.
   */
  readonly apiKeys?: readonly string[];
  /**
   * Keep at most this many requests in {@link Simulator.requests} (oldest dropped first).
   * {@link Simulator.requestCount} keeps counting past it. Default: unlimited.
   */
  readonly maxRecordedRequests?: number;
}

/**
 * Token counts of a reply, in `@llmc/core` `Usage` terms, so a test can compare an
 * adapter's result with the scripted numbers directly:
 * - `inputTokens` is every prompt token, cached or not; `cachedInputTokens` and
 *   `cacheWriteTokens` are parts of it.
 * - `outputTokens` is every output token, reasoning included; `reasoningTokens` is part of it.
 *
 * The simulator converts to each wire format: OpenAI `prompt_tokens = inputTokens`;
 * Gemini `candidatesTokenCount = outputTokens - reasoningTokens`,
 * `thoughtsTokenCount = reasoningTokens`; Anthropic
 * `input_tokens = inputTokens - cachedInputTokens - cacheWriteTokens`,
 * `cache_read_input_tokens = cachedInputTokens`,
 * `cache_creation_input_tokens = cacheWriteTokens`.
 */
export interface SimulatorUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens?: number;
  readonly cacheWriteTokens?: number;
  readonly reasoningTokens?: number;
}

/**
 * Usage as a step may give it: any field left out is derived from the request and the reply
 * (see {@link SimulatorReply}).
 */
export type SimulatorUsageInput = Partial<SimulatorUsage>;

/** Fields every step may carry. */
export interface StepTiming {
  /** Wait this long before answering at all (before headers). Default 0. */
  readonly latencyMs?: number;
}

/**
 * A successful reply. Every field is optional; `{}` is the default reply.
 *
 * Derivation rules (deterministic, no randomness):
 * - text: `text`, else `chunks.join("")`, else {@link DEFAULT_REPLY_TEXT}.
 * - stream deltas: `chunks`, else the text split after each space.
 * - input tokens: `ceil(utf8 bytes of all prompt text / 4)` (system prompt included;
 *   OpenAI/OpenRouter `messages[].content`, Gemini `contents` + `systemInstruction`,
 *   Anthropic `system` + `messages`).
 * - output tokens: `ceil(utf8 bytes of the reply text / 4)` + `reasoningTokens`.
 * - a request limit (`max_completion_tokens`/`max_tokens`, Gemini
 *   `generationConfig.maxOutputTokens`, Anthropic `max_tokens`) smaller than the text's
 *   tokens truncates the text to fit and makes the finish reason the provider's "length"
 *   value (`length`, `MAX_TOKENS`, `max_tokens`); stream deltas are cut the same way.
 *   A step that sets `finishReason` is sent as scripted (no truncation).
 * - explicit `usage` fields always win over derived ones (they are not capped).
 */
export interface SimulatorReply extends StepTiming {
  readonly fault?: undefined;
  /** Whole reply text (non-streaming responses; streams too when `chunks` is absent). */
  readonly text?: string;
  /** Stream deltas, in order. Their concatenation is the text when `text` is absent. */
  readonly chunks?: readonly string[];
  /** Override some or all token counts. */
  readonly usage?: SimulatorUsageInput;
  /**
   * The provider's raw finish reason, sent verbatim: OpenAI/OpenRouter `stop | length |
   * tool_calls | content_filter`, Gemini `STOP | MAX_TOKENS | SAFETY | …`, Anthropic
   * `end_turn | max_tokens | stop_sequence | refusal | …`.
   */
  readonly finishReason?: string;
  /** OpenRouter only: upstream finish reason (`native_finish_reason`). Default: mirrors. */
  readonly nativeFinishReason?: string;
  /** Delay between stream events. Default 0. */
  readonly chunkDelayMs?: number;
  /** OpenRouter only: `usage.cost` in USD. Default: $1 per M input + $2 per M output. */
  readonly costUsd?: number;
  /** OpenRouter only: the `provider` field. Default `"Simulator"`. */
  readonly upstreamProvider?: string;
  /** Model name in the response. Default: the requested model. */
  readonly model?: string;
  /**
   * A JSON reply: sent as the text `JSON.stringify(json)` (wins over `text` and `chunks`),
   * e.g. an answer to a `response_format: json_schema` request. Give `text` instead to send
   * JSON that is broken or does not match the schema.
   */
  readonly json?: unknown;
  /**
   * Tool calls the model makes, in order (parallel calls when more than one). OpenAI and
   * OpenRouter send them as `message.tool_calls` (`content: null` when there is no `text`) and,
   * streamed, as `delta.tool_calls` fragments (`index`, then `id`/`type`/`function.name` with
   * empty arguments, then `function.arguments` pieces). The finish reason becomes
   * `tool_calls` unless `finishReason` says otherwise. Anthropic: `tool_use` blocks after the
   * text (`input` = the arguments, which must be an object), streamed as `input_json_delta`
   * pieces, stop reason `tool_use`. Gemini: `functionCall` parts after the text (`args` = the
   * arguments, which must be an object; `id` only when scripted, as the Gemini API often sends
   * none), finish reason `STOP`; streamed, each call whole in its own chunk after the text
   * chunks, the last chunk carrying the finish reason.
   */
  readonly toolCalls?: readonly SimulatorToolCall[];
  /**
   * OpenAI/OpenRouter: the model refuses — `message.refusal` is this text and `content` is
   * null (streamed as `delta.refusal` pieces), finish reason `stop`.
   */
  readonly refusal?: string;
}

/** One scripted tool call. */
export interface SimulatorToolCall {
  /** Call id. Default: deterministic `call_sim<request number><index>`. */
  readonly id?: string;
  /** The function name, as the request's `tools[].function.name` spells it. */
  readonly name: string;
  /**
   * The arguments: an object is sent as its JSON; a string is sent verbatim (so a test can
   * send broken JSON). Default `{}`.
   */
  readonly arguments?: unknown;
  /**
   * Stream fragments of the arguments string, in order; joined they must equal it. Default:
   * the arguments split in pieces of at most 8 characters.
   */
  readonly argumentChunks?: readonly string[];
  /** Gemini only: the part's `thoughtSignature` (thinking models send one with a call). */
  readonly thoughtSignature?: string;
}

/** The reply text used when a step gives none. */
export const DEFAULT_REPLY_TEXT = "Hello from the llmc simulator.";

/** An HTTP error with any status; the body defaults to the provider's real error body. */
export interface HttpErrorFault extends StepTiming {
  readonly fault: "http-error";
  readonly status: number;
  /** Response body: a string is sent verbatim, anything else as JSON. */
  readonly body?: unknown;
  /** Error message put into the default body. */
  readonly message?: string;
  /** Extra response headers, e.g. `{ "retry-after": "1", "retry-after-ms": "10" }`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * 429. OpenAI/OpenRouter/Anthropic send `retry-after` (seconds, from `retryAfterSeconds`)
 * and `retry-after-ms` (from `retryAfterMs`) headers when given; Gemini puts
 * `google.rpc.RetryInfo { retryDelay: "<seconds>s" }` in the body instead (no header).
 */
export interface RateLimitFault extends StepTiming {
  readonly fault: "rate-limit";
  readonly retryAfterSeconds?: number;
  readonly retryAfterMs?: number;
}

/** Invalid key: 401 (OpenAI, OpenRouter, Anthropic); Gemini 400 `API_KEY_INVALID`. */
export interface AuthFault extends StepTiming {
  readonly fault: "auth";
}

/**
 * Prompt too long: OpenAI 400 `context_length_exceeded`; OpenRouter 400; Gemini 400
 * "The input token count (N) exceeds the maximum number of tokens allowed (M)."; Anthropic
 * 400 "prompt is too long: N tokens > M maximum".
 */
export interface ContextLengthFault extends StepTiming {
  readonly fault: "context-length";
  /** N in the message. Default: the model limit + the request's estimated input tokens. */
  readonly inputTokens?: number;
  /** M in the message. Default per provider (128000, 128000, 1048576, 200000). */
  readonly maxContextTokens?: number;
}

/** Unknown model: 404 with each provider's message. */
export interface ModelNotFoundFault extends StepTiming {
  readonly fault: "model-not-found";
  /** Model named in the message. Default: the requested model. */
  readonly model?: string;
}

/** Overloaded: Anthropic 529 `overloaded_error`; others 503 (Gemini `UNAVAILABLE`). */
export interface OverloadedFault extends StepTiming {
  readonly fault: "overloaded";
  /** Adds a `retry-after` header (not on Gemini). */
  readonly retryAfterSeconds?: number;
}

/**
 * Out of money: OpenRouter 402; OpenAI 429 `insufficient_quota`; Anthropic 400 "Your credit
 * balance is too low…"; Gemini 429 `RESOURCE_EXHAUSTED` (quota) without RetryInfo.
 */
export interface InsufficientCreditsFault extends StepTiming {
  readonly fault: "insufficient-credits";
}

/** 500 with the provider's internal-error body. */
export interface ServerErrorFault extends StepTiming {
  readonly fault: "server-error";
}

/**
 * Destroys the socket after `afterChunks` content deltas (streams; default 1) — the client
 * sees the body end early. On a non-streaming request: headers and half the JSON body, then
 * the cut.
 */
export interface CutStreamFault extends StepTiming {
  readonly fault: "cut-stream";
  readonly afterChunks?: number;
  /**
   * `"reset"` (default): TCP RST, the client sees ECONNRESET. `"eof"`: a clean TCP close
   * with the HTTP body incomplete ("terminated", "premature close").
   */
  readonly mode?: "reset" | "eof";
  /** Reply whose deltas are sent before the cut. Default: the default reply. */
  readonly reply?: SimulatorReply;
}

/**
 * Sends headers and `afterChunks` content deltas (default 1), then nothing until the client gives up or
 * the simulator closes (client idle/overall timeouts). Non-streaming: headers, then silence.
 */
export interface StallStreamFault extends StepTiming {
  readonly fault: "stall-stream";
  readonly afterChunks?: number;
  readonly reply?: SimulatorReply;
}

/** Never answers: no status line, no headers. Exercises request timeouts and aborts. */
export interface HangFault extends StepTiming {
  readonly fault: "hang";
}

/**
 * Status 200 and a body that is not valid JSON (non-streaming), or a stream whose event after
 * `afterChunks` deltas (default 1) carries invalid JSON; the stream then ends.
 */
export interface MalformedJsonFault extends StepTiming {
  readonly fault: "malformed-json";
  readonly afterChunks?: number;
}

/**
 * An error after the stream has started (HTTP 200), after `afterChunks` deltas (default 1):
 * - OpenAI: `data: {"error":{message,type:"server_error",…}}`, then the stream ends.
 * - OpenRouter: a chunk with top-level `error: {code, message}` **and** `usage`, finish
 *   reason `error`, then `data: [DONE]`.
 * - Gemini: `data: {"error":{code,message,status}}`, then the stream ends.
 * - Anthropic: `event: error` with `overloaded_error`.
 * On a non-streaming request this is the provider's server error (Anthropic: 529).
 */
export interface MidstreamErrorFault extends StepTiming {
  readonly fault: "midstream-error";
  readonly afterChunks?: number;
  /** OpenRouter: usage sent with the error chunk. Default: derived as for a reply. */
  readonly usage?: SimulatorUsageInput;
  /** Error message. Default per provider. */
  readonly message?: string;
  /** OpenRouter `error.code` (default 502); Gemini `error.code` (default 500). */
  readonly code?: number;
  readonly reply?: SimulatorReply;
}

/**
 * Gemini only: the prompt is blocked — HTTP 200, no `candidates`, `promptFeedback.blockReason`.
 * Scripting it for another provider throws.
 */
export interface BlockedPromptFault extends StepTiming {
  readonly fault: "blocked-prompt";
  /** `SAFETY | OTHER | BLOCKLIST | PROHIBITED_CONTENT | IMAGE_SAFETY`. Default `SAFETY`. */
  readonly blockReason?: string;
}

/** Anything else: a literal status, headers and body (e.g. a recorded response). */
export interface RawFault extends StepTiming {
  readonly fault: "raw";
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string or Buffer is written at once; an array is written piece by piece. */
  readonly body: string | Uint8Array | readonly (string | Uint8Array)[];
  /** Delay between pieces of an array body. Default 0. */
  readonly chunkDelayMs?: number;
}

/** Every fault, discriminated by `fault`. */
export type SimulatorFault =
  | HttpErrorFault
  | RateLimitFault
  | AuthFault
  | ContextLengthFault
  | ModelNotFoundFault
  | OverloadedFault
  | InsufficientCreditsFault
  | ServerErrorFault
  | CutStreamFault
  | StallStreamFault
  | HangFault
  | MalformedJsonFault
  | MidstreamErrorFault
  | BlockedPromptFault
  | RawFault;

export type SimulatorFaultKind = SimulatorFault["fault"];

/** What one request does: a reply (no `fault` key) or a fault. */
export type SimulatorStep = SimulatorReply | SimulatorFault;

/** A step, or a function choosing one from the recorded request (called once, at arrival). */
export type ScriptStep = SimulatorStep | ((request: RecordedRequest) => SimulatorStep);

/** One request as the simulator saw it. */
export interface RecordedRequest {
  /** The protocol it was routed to; `null` for `HEAD /` and unknown paths (not counted). */
  readonly provider: SimulatorProvider | null;
  readonly method: string;
  /** Path without the query string, e.g. `/v1/models/gemini-2.5-flash:generateContent`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-cased headers; `authorization`, `x-api-key`, `x-goog-api-key` → `"[REDACTED]"`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body; `undefined` when empty or not JSON. */
  readonly body: unknown;
  /** Whether the client asked for a stream. */
  readonly stream: boolean;
  /** Gemini: the model from the path; others: `body.model`. */
  readonly model: string | undefined;
  /** `Date.now()` at arrival. */
  readonly receivedAt: number;
}

/** Endpoints of one OpenAI-compatible provider. */
export interface OpenAICompatibleEndpoint {
  /** Pass as the openai SDK's `baseURL`. */
  readonly baseURL: string;
}

/** Endpoint of a provider whose SDK takes a `baseUrl` without the version segment. */
export interface RootEndpoint {
  /** Gemini: `httpOptions.baseUrl`; Anthropic: `baseURL` / `ANTHROPIC_BASE_URL`. */
  readonly baseUrl: string;
}

export interface Simulator {
  /** `http://HOST:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** `${url}/v1` — `POST /v1/chat/completions`. */
  readonly openai: OpenAICompatibleEndpoint;
  /** `${url}/api/v1` — `POST /api/v1/chat/completions`. */
  readonly openrouter: OpenAICompatibleEndpoint;
  /** `url` — `POST /{any version}/models/{model}:generateContent | :streamGenerateContent`. */
  readonly gemini: RootEndpoint;
  /** `url` — `POST /v1/messages` (also `?beta=true`); `HEAD /` → 200. */
  readonly anthropic: RootEndpoint;
  /** Queue steps for a provider; each request takes the next one. Validates eagerly. */
  script(provider: SimulatorProvider, ...steps: ScriptStep[]): void;
  /** The step used when the provider's queue is empty. */
  setDefault(provider: SimulatorProvider, step: ScriptStep): void;
  /** Scripted steps not yet consumed. */
  pendingSteps(provider: SimulatorProvider): number;
  /** Recorded requests, oldest first (a snapshot copy). */
  readonly requests: readonly RecordedRequest[];
  /** Requests routed to `provider`, or to any provider. `HEAD /` and 404s are not counted. */
  requestCount(provider?: SimulatorProvider): number;
  /** Clears scripts, defaults, records and counts. */
  reset(): void;
  /** Stops listening and destroys every open socket (hung and stalled ones too). */
  close(): Promise<void>;
}
