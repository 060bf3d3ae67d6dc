import {
  LLMAbortError,
  LLMAdapter,
  LLMConnectionError,
  type LLMError,
  LLMInvalidResponseError,
  type ModelPrice,
  type PreparedRequest,
  type PriceTable,
  type ProviderRequest,
  type ProviderResponse,
  type ProviderStreamPart,
  registerSecret,
  registerUrlCredentials,
  type Usage,
} from "@llmc/core";
import type { ClientOptions, OpenAI } from "openai";
import type { ChatCompletionCreateParams } from "openai/resources/chat/completions";
import type { z } from "zod";
import { buildOpenRouterRequestBody, type OpenRouterChatBody } from "./build-openrouter-request.js";
import { convertOpenRouterUsage, openRouterCostUsd } from "./convert-openrouter-usage.js";
import { loadOpenAISdk } from "./load-openai-sdk.js";
import { mapOpenRouterError, openRouterStreamError } from "./map-openrouter-error.js";
import { mapOpenRouterFinishReason } from "./map-openrouter-finish-reason.js";
import { openRouterChatChunkSchema, openRouterChatResponseSchema } from "./openrouter-chat-api.js";
import { type OpenRouterAdapterOptions, resolveOpenRouterOptions } from "./openrouter-options.js";
import { openRouterPriceTable } from "./openrouter-prices.js";
import { type OpenRouterRunConfig, openRouterRunConfigSchema } from "./openrouter-run-config.js";
import { readServerSentEvents } from "./read-server-sent-events.js";

/**
 * The SDK's own per-request timeout, set far out of the way: core's deadline (`timeoutMs`)
 * cancels the request through its signal, and core alone retries (`maxRetries: 0` here).
 */
const SDK_TIMEOUT_MS = 24 * 60 * 60 * 1000;

const ignore = (): void => {};
/** Drops every SDK log line (belt and braces with `logLevel: "off"`). */
const SILENT_LOGGER = { error: ignore, warn: ignore, info: ignore, debug: ignore };

type Request = ProviderRequest<OpenRouterRunConfig>;

/** What a failed attempt is charged: OpenRouter's bill, else its usage, else the reservation. */
interface Charge {
  readonly usage?: Usage;
  readonly reportedCostUsd?: number;
}

/**
 * OpenRouter's OpenAI-compatible API through the `openai` SDK. Calls are charged what
 * OpenRouter reports (`usage.cost`, costSource "provider"); the price table only sizes the
 * reservation. As in the OpenAI adapter, once OpenRouter has answered 200, a failure that
 * leaves no usage behind is charged the attempt's whole reservation.
 */
export class OpenRouterAdapter extends LLMAdapter<OpenRouterRunConfig> {
  static readonly contractVersion = 1;
  static readonly optionNames: readonly string[] = [
    "apiKey",
    "baseURL",
    "appUrl",
    "appName",
    "defaultHeaders",
  ];
  readonly provider = "openrouter";
  readonly priceTable: PriceTable = openRouterPriceTable;
  /** The endpoint in use. */
  readonly baseURL: string;
  readonly #clientOptions: ClientOptions;
  /** Made on the first call, once the SDK is loaded (see `loadOpenAISdk`). */
  #client: OpenAI | undefined;

  constructor(options: OpenRouterAdapterOptions = {}) {
    super(options);
    const resolved = resolveOpenRouterOptions(options);
    registerSecret(resolved.apiKey);
    // A gateway's `user:password@` in the base URL is a secret too (fetch quotes the URL).
    registerUrlCredentials(resolved.baseURL);
    this.baseURL = resolved.baseURL;
    this.#clientOptions = {
      apiKey: resolved.apiKey,
      baseURL: resolved.baseURL,
      // Explicit nulls: the SDK would otherwise send OPENAI_ORG_ID / OPENAI_PROJECT_ID from
      // the environment to OpenRouter.
      organization: null,
      project: null,
      defaultHeaders: resolved.headers,
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
    return openRouterRunConfigSchema;
  }

  protected override mapError(error: unknown, request: Request): LLMError {
    return mapOpenRouterError(error, { model: request.model });
  }

  /**
   * With `models` fallbacks OpenRouter may answer with any of them, so the reservation is the
   * dearest worst case among `model` and `models`; each must have a known price.
   */
  protected override reservationNanos(
    request: PreparedRequest<OpenRouterRunConfig>,
    price: ModelPrice | undefined,
  ): number {
    let most = super.reservationNanos(request, price);
    for (const model of request.config.models ?? []) {
      if (model === request.model) continue;
      most = Math.max(most, super.reservationNanos({ ...request, model }, this.priceFor(model)));
    }
    return most;
  }

  protected async doGenerate(request: Request): Promise<ProviderResponse> {
    const response = await this.#send(buildOpenRouterRequestBody(request), request);
    const json: unknown = await response.json().catch((error: unknown) => {
      throw mapOpenRouterError(error, { model: request.model, ...reservationCharge(request) });
    });
    const parsed = openRouterChatResponseSchema.safeParse(json);
    if (!parsed.success) {
      throw this.#invalid(
        `a body this adapter cannot read: ${parsed.error.issues[0]?.message}`,
        reservationCharge(request),
        parsed.error,
      );
    }
    const data = parsed.data;
    const usage = data.usage ? convertOpenRouterUsage(data.usage) : undefined;
    const costUsd = data.usage ? openRouterCostUsd(data.usage) : undefined;
    const charge = chargeOf(usage, costUsd, request);
    // A failure after generation began comes back as a 200 whose body holds `error`.
    if (data.error) {
      throw openRouterStreamError(data.error, { provider: this.provider, ...charge });
    }
    const choice = data.choices?.[0];
    if (!choice) throw this.#invalid("no choices", charge);
    return {
      text: choice.message?.content ?? "",
      model: data.model ?? undefined,
      finishReason: mapOpenRouterFinishReason(choice.finish_reason),
      // Without usage core has nothing to price and charges the reservation.
      usage,
      costUsd,
      providerMetadata: defined({
        id: data.id,
        generationId: response.headers.get("x-generation-id"),
        upstreamProvider: data.provider,
        nativeFinishReason: choice.native_finish_reason,
      }),
    };
  }

  protected override async *doStream(request: Request): AsyncIterable<ProviderStreamPart> {
    const response = await this.#send(
      { ...buildOpenRouterRequestBody(request), stream: true },
      request,
    );
    if (!response.body) throw this.#invalid("a stream without a body", reservationCharge(request));

    let finishReason: string | undefined;
    let nativeFinishReason: string | undefined;
    let usage: Usage | undefined;
    let costUsd: number | undefined;
    let id: string | undefined;
    let model: string | undefined;
    let upstreamProvider: string | undefined;
    const charge = () => chargeOf(usage, costUsd, request);
    try {
      for await (const data of readServerSentEvents(response.body)) {
        if (data === "[DONE]") break;
        const parsed = openRouterChatChunkSchema.safeParse(parseJson(data));
        if (!parsed.success) {
          throw this.#invalid(
            `a stream chunk this adapter cannot read: ${data.slice(0, 200)}`,
            charge(),
          );
        }
        const chunk = parsed.data;
        id ||= chunk.id ?? undefined;
        model ||= chunk.model ?? undefined;
        upstreamProvider ||= chunk.provider ?? undefined;
        if (chunk.usage) {
          usage = convertOpenRouterUsage(chunk.usage);
          costUsd = openRouterCostUsd(chunk.usage);
        }
        // The HTTP-200 mid-stream error: the SDK's own Stream would throw here and lose the
        // usage and cost that OpenRouter put in this same chunk; they are charged instead.
        if (chunk.error) {
          throw openRouterStreamError(chunk.error, {
            provider: this.provider,
            ...charge(),
          });
        }
        const choice = chunk.choices?.[0];
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        if (choice?.native_finish_reason) nativeFinishReason = choice.native_finish_reason;
        const text = choice?.delta?.content;
        if (text) yield { type: "text-delta", text };
      }
    } catch (error) {
      throw mapOpenRouterError(error, { model: request.model, ...charge() });
    }
    if (request.signal.aborted) {
      throw new LLMAbortError("The OpenRouter stream was cancelled", {
        provider: this.provider,
        ...charge(),
      });
    }
    if (finishReason === undefined) {
      throw new LLMConnectionError("The OpenRouter stream ended before its finish reason", {
        provider: this.provider,
        ...charge(),
      });
    }
    yield {
      type: "finish",
      finishReason: mapOpenRouterFinishReason(finishReason),
      usage,
      costUsd,
      model,
      providerMetadata: defined({
        id,
        generationId: response.headers.get("x-generation-id"),
        upstreamProvider,
        nativeFinishReason,
      }),
    };
  }

  /** Sends the request through the SDK and returns the raw 200 response; errors are mapped. */
  async #send(body: OpenRouterChatBody, request: Request): Promise<Response> {
    const client = this.#client ?? (await this.#connect());
    try {
      // The SDK's types know nothing of OpenRouter's extra fields; it sends them unchanged.
      return await client.chat.completions
        .create(body as ChatCompletionCreateParams, signalOption(request))
        .asResponse();
    } catch (error) {
      throw mapOpenRouterError(error, { model: request.model });
    }
  }

  #invalid(what: string, charge: Charge, cause?: unknown): LLMInvalidResponseError {
    return new LLMInvalidResponseError(`OpenRouter answered 200 with ${what}`, {
      provider: this.provider,
      cause,
      ...charge,
    });
  }
}

/** OpenRouter's bill when it sent one, else the usage (priced from the table), else the reservation. */
function chargeOf(usage: Usage | undefined, costUsd: number | undefined, request: Request): Charge {
  if (costUsd !== undefined) return { ...(usage ? { usage } : {}), reportedCostUsd: costUsd };
  if (usage) return { usage };
  return reservationCharge(request);
}

/**
 * The charge for an attempt OpenRouter answered but whose usage we never saw: the reservation,
 * passed as a reported cost because core has no other way to say "billed, amount unknown".
 */
function reservationCharge(request: Request): Charge {
  return request.reservedUsd !== undefined ? { reportedCostUsd: request.reservedUsd } : {};
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/** Drops null and undefined values, so metadata shows only what the provider sent. */
function defined(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

/** The SDK's `signal` option, left off when nothing can cancel the call (it costs per request). */
function signalOption(request: Request): { signal?: AbortSignal } {
  return request.cancellable === false ? {} : { signal: request.signal };
}
