import {
  LLMAbortError,
  LLMAdapter,
  LLMConnectionError,
  type LLMError,
  LLMInvalidResponseError,
  type PriceTable,
  type ProviderRequest,
  type ProviderResponse,
  type ProviderStreamPart,
  registerSecret,
  registerUrlCredentials,
  type Usage,
} from "@llmc/core";
import type { ClientOptions, OpenAI } from "openai";
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
} from "openai/resources/chat/completions";
import type { Stream } from "openai/streaming";
import type { z } from "zod";
import { buildOpenAIRequestBody } from "./build-openai-request.js";
import { convertOpenAIUsage } from "./convert-openai-usage.js";
import { loadOpenAISdk } from "./load-openai-sdk.js";
import { mapOpenAIError } from "./map-openai-error.js";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";
import { readOpenAIChatChunk, readOpenAIChatResponse } from "./openai-chat-api.js";
import { type OpenAIAdapterOptions, resolveOpenAIOptions } from "./openai-options.js";
import { openAIPriceTable } from "./openai-prices.js";
import { type OpenAIRunConfig, openAIRunConfigSchema } from "./openai-run-config.js";

/**
 * The SDK's own per-request timeout, set far out of the way: core's deadline (`timeoutMs`)
 * cancels the request through its signal, and core alone retries (`maxRetries: 0` here).
 */
const SDK_TIMEOUT_MS = 24 * 60 * 60 * 1000;

const ignore = (): void => {};
/** Drops every SDK log line (belt and braces with `logLevel: "off"`). */
const SILENT_LOGGER = { error: ignore, warn: ignore, info: ignore, debug: ignore };

type Request = ProviderRequest<OpenAIRunConfig>;

/**
 * OpenAI Chat Completions through the official `openai` SDK.
 *
 * Budget rule on top of core's: once OpenAI has answered 200 it has accepted, and will bill,
 * the request. A failure after that point which leaves no usage behind (a body cut mid-way,
 * unreadable JSON, a mid-stream error event, a stream stalled or cancelled before its usage
 * chunk) is charged the attempt's whole reservation, the honest upper bound, rather than
 * released as a failure "before output" would be.
 */
export class OpenAIAdapter extends LLMAdapter<OpenAIRunConfig> {
  static readonly contractVersion = 1;
  static readonly optionNames: readonly string[] = [
    "apiKey",
    "baseURL",
    "organization",
    "project",
    "defaultHeaders",
    "maxTokensParameter",
    "streamUsage",
  ];
  readonly provider = "openai";
  readonly priceTable: PriceTable = openAIPriceTable;
  /** The endpoint in use: the `baseURL` option, else `OPENAI_BASE_URL`, else OpenAI's. */
  readonly baseURL: string;
  readonly #clientOptions: ClientOptions;
  /** Made on the first call, once the SDK is loaded (see `loadOpenAISdk`). */
  #client: OpenAI | undefined;
  readonly #maxTokensParameter: NonNullable<OpenAIAdapterOptions["maxTokensParameter"]>;
  readonly #streamUsage: boolean;

  constructor(options: OpenAIAdapterOptions = {}) {
    super(options);
    const resolved = resolveOpenAIOptions(options);
    registerSecret(resolved.apiKey);
    // A gateway's `user:password@` in the base URL is a secret too (fetch quotes the URL).
    registerUrlCredentials(resolved.baseURL);
    this.baseURL = resolved.baseURL;
    this.#maxTokensParameter = options.maxTokensParameter ?? "max_completion_tokens";
    this.#streamUsage = options.streamUsage ?? true;
    this.#clientOptions = {
      apiKey: resolved.apiKey,
      baseURL: resolved.baseURL,
      organization: resolved.organization,
      project: resolved.project,
      defaultHeaders: options.defaultHeaders,
      maxRetries: 0,
      timeout: SDK_TIMEOUT_MS,
      // This library prints nothing: the SDK's logger (console by default; `OPENAI_LOG` would
      // raise its level) is off. What it would log, e.g. "Could not parse message into JSON"
      // on an unreadable stream event, also reaches the adapter as an error it maps.
      logLevel: "off",
      logger: SILENT_LOGGER,
    };
  }

  /** The SDK client, made on the first call: importing the adapter loads no SDK. */
  async #connect(): Promise<OpenAI> {
    const sdk = await loadOpenAISdk();
    this.#client ??= new sdk.OpenAI(this.#clientOptions);
    return this.#client;
  }

  protected override configSchema(): z.ZodType {
    return openAIRunConfigSchema;
  }

  protected override mapError(error: unknown, request: Request): LLMError {
    return mapOpenAIError(error, { model: request.model });
  }

  protected async doGenerate(request: Request): Promise<ProviderResponse> {
    const body = buildOpenAIRequestBody(request, this.#maxTokensParameter);
    const client = this.#client ?? (await this.#connect());
    let response: Response;
    try {
      response = await client.chat.completions.create(body, signalOption(request)).asResponse();
    } catch (error) {
      throw mapOpenAIError(error, { model: request.model });
    }
    const json: unknown = await response.json().catch((error: unknown) => {
      throw mapOpenAIError(error, { model: request.model, ...unbilledCharge(request) });
    });
    const read = readOpenAIChatResponse(json);
    if (!read.ok) {
      throw new LLMInvalidResponseError(
        `OpenAI answered 200 with a body this adapter cannot read: ${read.problem}`,
        { provider: this.provider, ...unbilledCharge(request) },
      );
    }
    const data = read.value;
    return {
      text: data.content ?? "",
      model: data.model,
      finishReason: mapOpenAIFinishReason(data.finishReason),
      // Without usage core has nothing to price and charges the reservation.
      usage: data.usage ? convertOpenAIUsage(data.usage) : undefined,
      providerMetadata: defined({
        id: data.id,
        requestId: response.headers.get("x-request-id"),
        serviceTier: data.serviceTier,
        systemFingerprint: data.systemFingerprint,
        refusal: data.refusal,
      }),
    };
  }

  protected override async *doStream(request: Request): AsyncIterable<ProviderStreamPart> {
    const body: ChatCompletionCreateParamsStreaming = {
      ...buildOpenAIRequestBody(request, this.#maxTokensParameter),
      stream: true,
      ...(this.#streamUsage ? { stream_options: { include_usage: true } } : {}),
    };
    const client = this.#client ?? (await this.#connect());
    let stream: Stream<ChatCompletionChunk>;
    let requestId: string | null;
    try {
      const { data, response } = await client.chat.completions
        .create(body, signalOption(request))
        .withResponse();
      stream = data;
      requestId = response.headers.get("x-request-id");
    } catch (error) {
      throw mapOpenAIError(error, { model: request.model });
    }

    let finishReason: string | undefined;
    let usage: Usage | undefined;
    let id: string | undefined;
    let model: string | undefined;
    let serviceTier: string | undefined;
    let systemFingerprint: string | undefined;
    // Usage when it came, else the whole reservation (see the class comment).
    const charge = () => (usage ? { usage } : unbilledCharge(request));
    try {
      for await (const raw of stream) {
        const read = readOpenAIChatChunk(raw);
        if (!read.ok) {
          throw new LLMInvalidResponseError(
            `OpenAI sent a stream chunk this adapter cannot read: ${read.problem}`,
            { provider: this.provider, ...charge() },
          );
        }
        const chunk = read.value;
        id ||= chunk.id;
        model ||= chunk.model;
        serviceTier ??= chunk.serviceTier;
        systemFingerprint ??= chunk.systemFingerprint;
        if (chunk.usage) usage = convertOpenAIUsage(chunk.usage);
        if (chunk.finishReason) finishReason = chunk.finishReason;
        const text = chunk.text;
        if (text) yield { type: "text-delta", text };
      }
    } catch (error) {
      throw mapOpenAIError(error, { model: request.model, ...charge() });
    }
    // The SDK ends the loop quietly when the signal aborts: report it (core names the reason).
    if (request.signal.aborted) {
      throw new LLMAbortError("The OpenAI stream was cancelled", {
        provider: this.provider,
        ...charge(),
      });
    }
    if (finishReason === undefined) {
      throw new LLMConnectionError("The OpenAI stream ended before its finish reason", {
        provider: this.provider,
        ...charge(),
      });
    }
    yield {
      type: "finish",
      finishReason: mapOpenAIFinishReason(finishReason),
      usage,
      model,
      providerMetadata: defined({ id, requestId, serviceTier, systemFingerprint }),
    };
  }
}

/**
 * The charge for an attempt OpenAI answered but whose usage we never saw: the reservation,
 * passed as a reported cost because core has no other way to say "billed, amount unknown".
 */
function unbilledCharge(request: Request): { reportedCostUsd?: number } {
  return request.reservedUsd !== undefined ? { reportedCostUsd: request.reservedUsd } : {};
}

/** Drops undefined and null values, so metadata shows only what the provider sent. */
function defined(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in values) {
    const value = values[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

/** The SDK's `signal` option, left off when nothing can cancel the call (it costs per request). */
function signalOption(request: Request): { signal?: AbortSignal } {
  return request.cancellable === false ? {} : { signal: request.signal };
}
