import { type LLMError, LLMInvalidResponseError, LLMProviderError } from "@llmc/core";
import {
  ADAPTER_CONTRACT_VERSION,
  LLMAdapter,
  type ProviderRequest,
  type ProviderResponse,
  type ProviderStreamPart,
  resolveApiKey,
  resolveBaseURL,
  type Usage,
} from "@llmc/core/adapter";
import { ACME_DEFAULT_BASE_URL, type AcmeAdapterOptions } from "./acme-options.js";
import { ACME_PRICES } from "./acme-prices.js";
import { acmeRequestBody, readAcmeFinishReason, readAcmeUsage } from "./acme-wire.js";
import { acmeHttpError, mapAcmeError } from "./map-acme-error.js";
import { readServerSentEvents } from "./read-server-sent-events.js";

interface AcmeChoice {
  readonly message?: { readonly content?: string | null };
  readonly delta?: { readonly content?: string | null };
  readonly finish_reason?: string | null;
}
interface AcmeAnswer {
  readonly model?: string;
  readonly choices?: readonly AcmeChoice[];
  readonly usage?: Parameters<typeof readAcmeUsage>[0];
  readonly error?: { readonly message?: string };
}

/**
 * An adapter for Acme's chat API, built only on `@llmc/core` (errors, for users too) and
 * `@llmc/core/adapter` (the base class and helpers). Core does everything else: validation,
 * budget reservation and settlement, retries, deadlines, aborts, the stream's `result`.
 * The hooks send exactly one request each and pass `request.signal` to it.
 */
export class AcmeAdapter extends LLMAdapter {
  /** The adapter contract this class implements; core refuses a version it does not know. */
  static readonly contractVersion = ADAPTER_CONTRACT_VERSION;
  readonly provider = "acme";
  readonly priceTable = ACME_PRICES;
  readonly #apiKey: string;
  readonly #baseURL: string;

  constructor(options: AcmeAdapterOptions = {}) {
    const { apiKey, baseURL, ...coreOptions } = options;
    super(coreOptions);
    // Registered as a secret: no error, stack or JSON will ever show it.
    this.#apiKey = resolveApiKey({
      apiKey,
      envVars: ["ACME_API_KEY"],
      provider: "acme",
      label: "Acme",
      adapterName: "AcmeAdapter",
    });
    this.#baseURL = resolveBaseURL({
      baseURL,
      envVars: ["ACME_BASE_URL"],
      defaultURL: ACME_DEFAULT_BASE_URL,
      provider: "acme",
      adapterName: "AcmeAdapter",
    });
  }

  protected async doGenerate(request: ProviderRequest): Promise<ProviderResponse> {
    const response = await this.#post(request, false);
    // Accepted: from here Acme may bill the call, so core charges the reservation if no
    // usage ever arrives (a body cut half-way, an answer without usage).
    request.markBilled();
    const answer = JSON.parse(await response.text()) as AcmeAnswer;
    if (answer.error) throw this.#inBandError(answer);
    const choice = answer.choices?.[0];
    if (!choice)
      throw new LLMInvalidResponseError("Acme answered without a choice", {
        provider: this.provider,
      });
    return {
      text: choice.message?.content ?? "",
      model: answer.model,
      finishReason: readAcmeFinishReason(choice.finish_reason),
      usage: readAcmeUsage(answer.usage),
    };
  }

  protected override async *doStream(request: ProviderRequest): AsyncIterable<ProviderStreamPart> {
    const response = await this.#post(request, true);
    request.markBilled();
    if (!response.body)
      throw new LLMInvalidResponseError("Acme sent no stream", { provider: this.provider });
    let finishReason: string | null | undefined;
    let model: string | undefined;
    let usage: Usage | undefined;
    for await (const data of readServerSentEvents(response.body)) {
      if (data === "[DONE]") break;
      const chunk = JSON.parse(data) as AcmeAnswer;
      // An error inside a 200 stream: output may have begun, so core never retries it.
      if (chunk.error) throw this.#inBandError(chunk, usage);
      model = chunk.model ?? model;
      usage = readAcmeUsage(chunk.usage) ?? usage;
      const choice = chunk.choices?.[0];
      const text = choice?.delta?.content;
      if (text) yield { type: "text-delta", text };
      finishReason = choice?.finish_reason ?? finishReason;
    }
    if (!finishReason) {
      throw new LLMInvalidResponseError("Acme's stream ended before its finish reason", {
        provider: this.provider,
        usage,
      });
    }
    yield { type: "finish", model, finishReason: readAcmeFinishReason(finishReason), usage };
  }

  protected mapError(error: unknown): LLMError {
    return mapAcmeError(error);
  }

  async #post(request: ProviderRequest, stream: boolean): Promise<Response> {
    const response = await fetch(`${this.#baseURL}/chat/completions`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${this.#apiKey}`,
        "content-type": "application/json",
        accept: stream ? "text/event-stream" : "application/json",
      },
      body: acmeRequestBody(request, stream),
      signal: request.signal,
    });
    if (!response.ok) throw await acmeHttpError(response, request.model);
    return response;
  }

  #inBandError(answer: AcmeAnswer, usage?: Usage): LLMError {
    return new LLMProviderError(`Acme: ${answer.error?.message ?? "error inside the answer"}`, {
      provider: this.provider,
      usage: readAcmeUsage(answer.usage) ?? usage,
    });
  }
}
