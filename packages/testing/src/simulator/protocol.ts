import type { IncomingHttpHeaders } from "node:http";
import type { ResolvedReply } from "./resolve-reply.js";
import type {
  AuthFault,
  BlockedPromptFault,
  ContextLengthFault,
  HttpErrorFault,
  InsufficientCreditsFault,
  MidstreamErrorFault,
  ModelNotFoundFault,
  OverloadedFault,
  RateLimitFault,
  RecordedRequest,
  ServerErrorFault,
  SimulatorProvider,
} from "./types.js";

/**
 * The contract each provider folder implements: how to read its requests, and how to write
 * its replies, streams and errors. The generic machinery (queueing, timing, faults that cut
 * or stall sockets) lives outside and calls these.
 */

/** A complete non-2xx (or odd 200) HTTP answer. An object body is sent as JSON. */
export interface ErrorResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** What the simulator needs to know about a request, read leniently from its body. */
export interface ParsedRequest {
  readonly model: string;
  readonly stream: boolean;
  /** OpenAI: `stream_options.include_usage`. */
  readonly includeUsage: boolean;
  /** The request's output-token cap, if it set one. */
  readonly maxOutputTokens: number | undefined;
  /** UTF-8 bytes of all prompt text (system prompt included). */
  readonly promptBytes: number;
  /** Set when the body is not a valid request for this provider. */
  readonly invalid?: InvalidRequest;
}

/** Why a body was rejected; the protocol turns it into its 400. */
export interface InvalidRequest {
  readonly message: string;
  /** OpenAI's `param`. */
  readonly param?: string | null;
  /** OpenAI's `code` (e.g. `invalid_function_parameters`). Default null. */
  readonly code?: string | null;
  /**
   * The model provider itself refuses it (e.g. an OpenAI strict-mode schema): OpenRouter
   * passes such a 400 on wrapped as "Provider returned error" with the upstream body in
   * `metadata.raw`.
   */
  readonly upstream?: boolean;
}

/** The route a provider request arrived on. */
export interface ProviderRoute {
  readonly provider: SimulatorProvider;
  /** Gemini: model segment of the path, version segment and action. */
  readonly gemini?: {
    readonly model: string;
    readonly apiVersion: string;
    readonly action: "generateContent" | "streamGenerateContent";
  };
}

export interface RequestContext {
  readonly provider: SimulatorProvider;
  /** Per-simulator request number (1-based); ids derive from it, so runs are repeatable. */
  readonly sequence: number;
  /** Provider-style request id used in headers and error bodies. */
  readonly requestId: string;
  /** Unix seconds, for `created` fields. */
  readonly createdSeconds: number;
  readonly request: ParsedRequest;
  readonly route: ProviderRoute;
  readonly query: Readonly<Record<string, string>>;
  readonly record: RecordedRequest;
}

/** A stream, split so that faults can strike after a given number of content deltas. */
export interface StreamScript {
  readonly headers: Readonly<Record<string, string>>;
  /** Events before the first delta (role chunk, message_start, keep-alive comments, …). */
  readonly prefix: readonly string[];
  /** One event per content delta. */
  readonly deltas: readonly string[];
  /** Events after the last delta (finish, usage, `[DONE]`, message_stop, …). */
  readonly suffix: readonly string[];
}

/** Faults answered with a plain HTTP error response. */
export type PresetFault =
  | HttpErrorFault
  | RateLimitFault
  | AuthFault
  | ContextLengthFault
  | ModelNotFoundFault
  | OverloadedFault
  | InsufficientCreditsFault
  | ServerErrorFault;

export interface ProviderProtocol {
  readonly provider: SimulatorProvider;
  /** Raw finish reasons for a normal stop and for hitting the output cap. */
  readonly stopReason: string;
  readonly lengthReason: string;
  /** Raw finish reason of a reply with tool calls; default `stopReason`. */
  readonly toolCallsReason?: string;
  /** What `midstream-error` becomes on a non-streaming request. */
  readonly nonStreamingMidstreamFault: "server-error" | "overloaded";
  requestId(sequence: number): string;
  parse(
    body: unknown,
    route: ProviderRoute,
    query: Readonly<Record<string, string>>,
  ): ParsedRequest;
  /** `undefined` when a key in `apiKeys` was sent the way this provider expects. */
  authenticate(
    headers: IncomingHttpHeaders,
    query: Readonly<Record<string, string>>,
    apiKeys: ReadonlySet<string>,
    context: RequestContext,
  ): ErrorResponse | undefined;
  /** The body was not JSON. */
  invalidJson(context: RequestContext): ErrorResponse;
  /** The body was JSON but not a valid request (see {@link ParsedRequest.invalid}). */
  invalidRequest(reason: InvalidRequest, context: RequestContext): ErrorResponse;
  errorResponse(fault: PresetFault, context: RequestContext): ErrorResponse;
  successHeaders(context: RequestContext): Readonly<Record<string, string>>;
  /** Serialized non-streaming reply. */
  replyBody(reply: ResolvedReply, context: RequestContext): string;
  streamScript(reply: ResolvedReply, context: RequestContext): StreamScript;
  /** Events that end a stream with an in-band error, after `sent` was streamed. */
  midstreamError(
    fault: MidstreamErrorFault,
    sent: ResolvedReply,
    context: RequestContext,
  ): string[];
  /** One stream event whose payload is not valid JSON. */
  malformedEvent(context: RequestContext): string;
  /** Gemini only: the serialized response, or the stream carrying it. */
  blockedPrompt?(fault: BlockedPromptFault, context: RequestContext): string | StreamScript;
}
