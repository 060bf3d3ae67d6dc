import type {
  AdapterCapabilities,
  LLMError,
  PreparedRequest,
  PriceTable,
  RunConfig,
  Usage,
} from "@llmc/core";
import type { z } from "zod";
import type { ChatCompletionsBody } from "./build-chat-completions-request.js";
import type { ChatCompletionsErrorBody } from "./chat-completions-error-body.js";
import type { WireErrorOptions } from "./map-openai-compatible-error.js";
import type { WireObject, WireReader } from "./wire-reader.js";

/** The body field that carries `maxOutputTokens`. */
export type MaxTokensParameter = "max_completion_tokens" | "max_tokens";

/**
 * Where a vendor's Chat Completions differs from the common wire, in one object. Everything
 * is optional except `provider`: a server that speaks plain Chat Completions needs nothing
 * else. The defaults here also serve as the adapter's option defaults (an explicit option
 * always wins), so a preset is one such object (`src/presets/<vendor>.ts`).
 *
 * Hooks run on every call: keep them small and allocation-free where you can.
 */
export interface ChatCompletionsDialect<TConfig extends RunConfig = RunConfig> {
  /** The provider's name in results and errors, e.g. `"deepseek"`. */
  readonly provider: string;
  /** How messages name the service, e.g. `"DeepSeek"`. Default: `provider`. */
  readonly label?: string | undefined;

  // ---- connection defaults (options override them) ----
  /** The endpoint when neither the `baseURL` option nor `baseURLEnv` gives one. */
  readonly baseURL?: string | undefined;
  /** Environment variable read for the base URL when no `baseURL` option is passed. */
  readonly baseURLEnv?: string | undefined;
  /** Environment variable read for the key when no `apiKey` option is passed. */
  readonly apiKeyEnv?: string | undefined;
  /** `false` for servers that take no key (Ollama, vLLM, LM Studio). Default `true`. */
  readonly apiKeyRequired?: boolean | undefined;
  /** The dated price table. Default none: budgeted calls need `prices` (fail closed). */
  readonly priceTable?: PriceTable | undefined;
  /** Default `"max_tokens"`, the name every compatible server knows. */
  readonly maxTokensParameter?: MaxTokensParameter | undefined;
  /**
   * Send `stream_options: { include_usage: true }` on streams. Default `true`. A server that
   * always streams usage without being asked (OpenRouter) or rejects the field sets `false`;
   * usage that arrives is read either way.
   */
  readonly streamUsage?: boolean | undefined;
  /** Headers sent with every request (the `defaultHeaders` option wins per header). */
  readonly defaultHeaders?: Readonly<Record<string, string>> | undefined;
  /**
   * The per-call options schema: core's `runConfigSchema` extended (build it with
   * `lazySchema`). Default {@link openAICompatibleRunConfigSchema}.
   */
  readonly configSchema?: z.ZodType | undefined;

  // ---- request ----
  /**
   * Send tool and response schemas in OpenAI's strict mode (`strict: true`, schemas made
   * strict by `toStrictJsonSchema`, replies mapped back). Default `true`; a server that
   * rejects `strict` or the strict form sets `false` (schemas then go as zod made them; core
   * validates the reply either way).
   */
  readonly strictSchemas?: boolean | undefined;
  /** What the server can do besides text. Default: tools and structured output. */
  readonly capabilities?: AdapterCapabilities | undefined;
  /**
   * Adds the vendor's own fields to the body, after the common ones (model, messages, the
   * max-tokens field, temperature, top_p, stop, user) are set. Mutate `body`.
   */
  extendBody?(body: ChatCompletionsBody, request: PreparedRequest<TConfig>): void;

  // ---- usage and cost ----
  /**
   * Where usage sits in a response body or a stream chunk. Default: `container.usage`.
   * Groq streams it as `x_groq.usage`.
   */
  findUsage?(container: WireObject): unknown;
  /**
   * Wire usage → core `Usage` (`inputTokens` every prompt token, cached ones included;
   * `outputTokens` every billed output token, reasoning included). Default:
   * {@link readChatCompletionsUsage} (OpenAI's fields). Record a wrong type on `reader`.
   */
  readUsage?(usage: WireObject, reader: WireReader): Usage | undefined;
  /**
   * The provider's own bill for the call in USD, read from the usage object (OpenRouter
   * `usage.cost`, xAI `usage.cost_in_usd_ticks`). Default: none, so core prices the usage.
   */
  readCostUsd?(usage: WireObject, reader: WireReader, container: WireObject): number | undefined;

  // ---- metadata ----
  /**
   * String fields copied into `providerMetadata` as `{ metadataKey: wireName }`, from the body
   * (or any stream chunk: the first non-empty value wins), from `choices[0]`, and from the
   * response headers. `id` is always copied. Default: OpenAI's (`serviceTier`,
   * `systemFingerprint`, `requestId` from `x-request-id`).
   */
  readonly metadata?:
    | {
        readonly body?: Readonly<Record<string, string>> | undefined;
        readonly choice?: Readonly<Record<string, string>> | undefined;
        readonly headers?: Readonly<Record<string, string>> | undefined;
      }
    | undefined;

  // ---- errors ----
  /**
   * The provider's words for an error, e.g. with the upstream's own message appended.
   * Default: `body.message`, else `fallback`.
   */
  describeError?(body: ChatCompletionsErrorBody | undefined, fallback: string): string;
  /**
   * The last word on an error the common mapping produced: return it, or a better one built
   * from `context` (e.g. OpenRouter's moderation 403 → `LLMContentFilterError`).
   */
  refineError?(error: LLMError, context: ChatCompletionsErrorContext): LLMError;
}

/** What {@link ChatCompletionsDialect.refineError} knows about a failure. */
export interface ChatCompletionsErrorContext {
  /** The HTTP status; `undefined` for an error inside a 200 answer (mid-stream). */
  readonly status: number | undefined;
  readonly body: ChatCompletionsErrorBody | undefined;
  readonly headers: Headers | undefined;
  /** The model asked for. */
  readonly model: string | undefined;
  /** The message the common mapping used, e.g. `"OpenRouter 403: …"`. */
  readonly message: string;
  /** Pass these (provider, cause, usage, cost) to any error you build instead. */
  readonly options: WireErrorOptions;
}
