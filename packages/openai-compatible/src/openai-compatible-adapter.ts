import { LLMAbortError, LLMConfigError, type LLMError, LLMInvalidResponseError } from "@llmc/core";
import {
  type AdapterCapabilities,
  type JsonSchema,
  LLMAdapter,
  type PriceTable,
  type ProviderRequest,
  type ProviderResponse,
  type ProviderStreamPart,
  type ProviderToolCall,
  type RunConfig,
  type SchemaUse,
  type Usage,
} from "@llmc/core/adapter";
import type { ClientOptions, OpenAI } from "openai";
import type { z } from "zod";
import { attemptCharge } from "./attempt-charge.js";
import { buildChatCompletionsBody } from "./build-chat-completions-request.js";
import type { ChatCompletionsDialect, MaxTokensParameter } from "./chat-completions-dialect.js";
import {
  copyHeaderMetadata,
  copyMetadata,
  type MetadataPlan,
  metadataPlan,
} from "./chat-completions-metadata.js";
import { loadOpenAISdk } from "./load-openai-sdk.js";
import {
  chatCompletionsMidResponseError,
  mapChatCompletionsError,
  type WireErrorContext,
} from "./map-openai-compatible-error.js";
import { mapChatCompletionsFinishReason } from "./map-openai-compatible-finish-reason.js";
import { openAIClientOptions } from "./openai-client-options.js";
import {
  OPENAI_COMPATIBLE_OPTION_KEYS,
  type OpenAICompatibleAdapterOptions,
  resolveChatCompletionsConnection,
} from "./openai-compatible-options.js";
import {
  type OpenAICompatibleRunConfig,
  openAICompatibleRunConfigSchema,
} from "./openai-compatible-run-config.js";
import { readChatCompletionsChunk } from "./read-chat-completions-chunk.js";
import { readChatCompletionsResponse } from "./read-chat-completions-response.js";
import { readServerSentEvents } from "./read-server-sent-events.js";
import { fromStrictJsonValue, toStrictJsonSchema } from "./strict-json-schema.js";
import { completeToolCall, ToolCallAssembler } from "./tool-call-assembler.js";

/**
 * Any OpenAI Chat Completions endpoint through the official `openai` SDK: the request is
 * built, sent and authenticated by the SDK; the 200 body (JSON or server-sent events) is read
 * here, so usage and cost that arrive beside a mid-stream error are kept. Vendor differences
 * come from a {@link ChatCompletionsDialect}; `@llmc/openai` and `@llmc/openrouter` are this
 * class with their dialect.
 *
 * Budget rule on top of core's: once the server has answered 200 it has accepted, and will
 * bill, the request. A failure after that point which leaves no usage behind (a body cut
 * mid-way, unreadable JSON, a mid-stream error, a stream stalled or cancelled before its usage
 * chunk) is charged the provider's cost when it sent one, else the attempt's whole
 * reservation, rather than released as a failure "before output" would be.
 */
export class OpenAICompatibleAdapter<
  TConfig extends RunConfig = OpenAICompatibleRunConfig,
> extends LLMAdapter<TConfig> {
  static readonly contractVersion = 1;
  /** The options this adapter reads besides core's; core refuses any other, with a hint. */
  static readonly optionNames: readonly string[] = OPENAI_COMPATIBLE_OPTION_KEYS;
  readonly provider: string;
  readonly priceTable: PriceTable | undefined;
  /** The endpoint in use. */
  readonly baseURL: string;
  /** Tools and structured output unless the dialect says otherwise. */
  override readonly capabilities: AdapterCapabilities;
  readonly #dialect: ChatCompletionsDialect<TConfig>;
  readonly #label: string;
  readonly #maxTokensParameter: MaxTokensParameter;
  readonly #streamUsage: boolean;
  /** OpenAI strict mode for tool and response schemas (see `ChatCompletionsDialect.strictSchemas`). */
  readonly #strictSchemas: boolean;
  readonly #metadata: MetadataPlan;
  readonly #clientOptions: ClientOptions;
  /** Made on the first call, once the SDK is loaded (see `loadOpenAISdk`). */
  #client: OpenAI | undefined;

  /**
   * @param dialect For adapters built on this one (OpenAI, OpenRouter): their dialect, which
   *   the `dialect` option cannot replace. Options still win over its defaults.
   */
  constructor(
    options: OpenAICompatibleAdapterOptions = {},
    dialect?: ChatCompletionsDialect<TConfig>,
  ) {
    super(options);
    const base = dialect ?? (options.dialect as ChatCompletionsDialect<TConfig> | undefined);
    const provider = options.provider ?? base?.provider;
    if (typeof provider !== "string" || provider.trim() === "") {
      throw new LLMConfigError(
        `Pass \`provider\` (its name in results and errors, e.g. "deepseek") or a \`dialect\` to ${new.target.name}.`,
        { field: "provider" },
      );
    }
    this.#dialect = base?.provider === provider ? base : { ...base, provider };
    this.provider = provider;
    this.#label = this.#dialect.label ?? provider;
    this.priceTable = options.priceTable ?? this.#dialect.priceTable;
    this.#maxTokensParameter =
      options.maxTokensParameter ?? this.#dialect.maxTokensParameter ?? "max_tokens";
    this.#streamUsage = options.streamUsage ?? this.#dialect.streamUsage ?? true;
    this.#strictSchemas = this.#dialect.strictSchemas !== false;
    this.capabilities = this.#dialect.capabilities ?? TOOLS_AND_STRUCTURED_OUTPUT;
    this.#metadata = metadataPlan(this.#dialect.metadata);
    // Registers the key, and a gateway's `user:password@` in the URL, as secrets.
    const connection = resolveChatCompletionsConnection(options, this.#dialect, new.target.name);
    this.baseURL = connection.baseURL;
    const headers =
      this.#dialect.defaultHeaders && options.defaultHeaders
        ? { ...this.#dialect.defaultHeaders, ...options.defaultHeaders }
        : (options.defaultHeaders ?? this.#dialect.defaultHeaders);
    this.#clientOptions = openAIClientOptions(connection.apiKey, connection.baseURL, headers);
  }

  /** The SDK client, made on the first call: importing the adapter loads no SDK. */
  async #connect(): Promise<OpenAI> {
    const sdk = await loadOpenAISdk(this.provider);
    this.#client ??= new sdk.OpenAI(this.#clientOptions);
    return this.#client;
  }

  protected override configSchema(): z.ZodType {
    return this.#dialect.configSchema ?? openAICompatibleRunConfigSchema;
  }

  /** Strict mode's form of a tool's or the answer's schema; refused here, before any request. */
  protected override toWireSchema(schema: JsonSchema, use: SchemaUse): JsonSchema {
    if (!this.#strictSchemas) return schema;
    return toStrictJsonSchema(schema, {
      where: use.kind === "tool" ? `tool "${use.name}"` : "the response schema",
      provider: this.provider,
      field: use.kind === "tool" ? `tools.${use.name}` : "schema",
    });
  }

  /** Undoes what strict mode changed (null for an absent optional field, a wrapped root). */
  protected override fromWireValue(value: unknown, use: SchemaUse): unknown {
    return this.#strictSchemas ? fromStrictJsonValue(value, use.jsonSchema) : value;
  }

  protected override mapError(error: unknown, request: ProviderRequest<TConfig>): LLMError {
    return mapChatCompletionsError(error, this.#dialect, { model: request.model });
  }

  #fail(error: unknown, request: ProviderRequest<TConfig>, charge?: WireErrorContext): LLMError {
    return mapChatCompletionsError(
      error,
      this.#dialect,
      charge ? { model: request.model, ...charge } : { model: request.model },
    );
  }

  protected async doGenerate(request: ProviderRequest<TConfig>): Promise<ProviderResponse> {
    const body = buildChatCompletionsBody(request, this.#maxTokensParameter, this.#dialect);
    const client = this.#client ?? (await this.#connect());
    let response: Response;
    try {
      // The SDK's types know nothing of vendor fields; it sends them unchanged.
      response = await client.chat.completions
        .create(body as never, signalOption(request))
        .asResponse();
    } catch (error) {
      throw this.#fail(error, request);
    }
    // A 200: the provider accepted the request and bills it, whatever happens next.
    request.markBilled();
    const json: unknown = await response.json().catch((error: unknown) => {
      throw this.#fail(error, request, attemptCharge(undefined, undefined));
    });
    const read = readChatCompletionsResponse(json, this.#dialect);
    if (!read.ok) {
      throw new LLMInvalidResponseError(
        `${this.#label} answered 200 with a body this adapter cannot read: ${read.problem}`,
        { provider: this.provider, ...attemptCharge(undefined, undefined) },
      );
    }
    const data = read.value;
    // A failure after generation began may come back as a 200 whose body holds `error`.
    if (data.error) {
      throw chatCompletionsMidResponseError(data.error, this.#dialect, {
        model: request.model,
        ...attemptCharge(data.usage, data.costUsd),
      });
    }
    const metadata: Record<string, unknown> = {};
    if (data.id) metadata.id = data.id;
    copyMetadata(metadata, this.#metadata.body, data.body);
    copyMetadata(metadata, this.#metadata.choice, data.choice);
    copyHeaderMetadata(metadata, this.#metadata.headers, response.headers);
    return {
      text: data.content ?? "",
      toolCalls: data.toolCalls,
      refusal: data.refusal || undefined,
      model: data.model,
      finishReason: mapChatCompletionsFinishReason(data.finishReason),
      // Without usage core has nothing to price and charges the reservation.
      usage: data.usage,
      costUsd: data.costUsd,
      providerMetadata: metadata,
    };
  }

  protected override async *doStream(
    request: ProviderRequest<TConfig>,
  ): AsyncIterable<ProviderStreamPart> {
    const body = buildChatCompletionsBody(request, this.#maxTokensParameter, this.#dialect);
    body.stream = true;
    if (this.#streamUsage) body.stream_options = { include_usage: true };
    const client = this.#client ?? (await this.#connect());
    let response: Response;
    try {
      response = await client.chat.completions
        .create(body as never, signalOption(request))
        .asResponse();
    } catch (error) {
      throw this.#fail(error, request);
    }
    request.markBilled();
    if (!response.body) {
      throw new LLMInvalidResponseError(
        `${this.#label} answered 200 with a stream without a body`,
        {
          provider: this.provider,
          ...attemptCharge(undefined, undefined),
        },
      );
    }

    let finishReason: string | undefined;
    let usage: Usage | undefined;
    let costUsd: number | undefined;
    let model: string | undefined;
    const metadata: Record<string, unknown> = {};
    const plan = this.#metadata;
    const toolCalls = new ToolCallAssembler();
    let refusal = "";
    const complete = (call: Parameters<typeof completeToolCall>[0]): ProviderToolCall => {
      const done = completeToolCall(call);
      if (typeof done !== "string") return done;
      throw new LLMInvalidResponseError(`${this.#label} streamed a tool call badly: ${done}`, {
        provider: this.provider,
        ...charge(),
      });
    };
    // Usage (or the provider's cost) when it came; else core charges the whole reservation.
    const charge = () => attemptCharge(usage, costUsd);
    try {
      for await (const data of readServerSentEvents(response.body)) {
        if (data === "[DONE]") break;
        const json = parseJson(data);
        if (json === NOT_JSON) {
          throw new LLMInvalidResponseError(
            `${this.#label} sent a stream chunk that is not valid JSON: ${data.slice(0, 200)}`,
            { provider: this.provider, ...charge() },
          );
        }
        const read = readChatCompletionsChunk(json, this.#dialect);
        if (!read.ok) {
          throw new LLMInvalidResponseError(
            `${this.#label} sent a stream chunk this adapter cannot read: ${read.problem}`,
            { provider: this.provider, ...charge() },
          );
        }
        const chunk = read.value;
        if (chunk.id && metadata.id === undefined) metadata.id = chunk.id;
        model ||= chunk.model;
        copyMetadata(metadata, plan.body, chunk.chunk);
        copyMetadata(metadata, plan.choice, chunk.choice);
        // The stream tail: usage (and cost) may come in a chunk after the finish reason.
        if (chunk.usage) usage = chunk.usage;
        if (chunk.costUsd !== undefined) costUsd = chunk.costUsd;
        // The HTTP-200 mid-stream error: typed, and charged what came with it.
        if (chunk.error) {
          throw chatCompletionsMidResponseError(chunk.error, this.#dialect, {
            model: request.model,
            ...charge(),
          });
        }
        if (chunk.finishReason) finishReason = chunk.finishReason;
        const text = chunk.text;
        if (text) yield { type: "text-delta", text };
        if (chunk.refusal) refusal += chunk.refusal;
        // Each call is yielded once whole: when the next one starts, or at the finish.
        if (chunk.toolCalls) {
          for (const call of toolCalls.add(chunk.toolCalls)) {
            yield { type: "tool-call", ...complete(call) };
          }
        }
      }
    } catch (error) {
      throw this.#fail(error, request, charge());
    }
    // A cancelled body can end the loop quietly: report it (core names the reason).
    if (request.signal.aborted) {
      throw new LLMAbortError(`The ${this.#label} stream was cancelled`, {
        provider: this.provider,
        ...charge(),
      });
    }
    // A body that ended cleanly without a finish reason is an answer we cannot trust as
    // complete: the contract's LLMInvalidResponseError, not retried (output may have begun).
    if (finishReason === undefined) {
      throw new LLMInvalidResponseError(
        `The ${this.#label} stream ended before its finish reason`,
        { provider: this.provider, ...charge() },
      );
    }
    copyHeaderMetadata(metadata, plan.headers, response.headers);
    for (const call of toolCalls.finish()) yield { type: "tool-call", ...complete(call) };
    yield {
      type: "finish",
      refusal: refusal || undefined,
      finishReason: mapChatCompletionsFinishReason(finishReason),
      usage,
      costUsd,
      model,
      providerMetadata: metadata,
    };
  }
}

/** What a Chat Completions server can do besides text, unless its dialect says otherwise. */
const TOOLS_AND_STRUCTURED_OUTPUT: AdapterCapabilities = Object.freeze({
  tools: true,
  structuredOutput: true,
});

const NOT_JSON: unique symbol = Symbol("not JSON");

/** A `data:` payload as JSON, or {@link NOT_JSON}. */
function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return NOT_JSON;
  }
}

/** The SDK's `signal` option, left off when nothing can cancel the call (it costs per request). */
function signalOption(request: Pick<ProviderRequest, "cancellable" | "signal">): {
  signal?: AbortSignal;
} {
  return request.cancellable === false ? {} : { signal: request.signal };
}
