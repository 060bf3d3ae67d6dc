import type { GenerateContentResponse, GoogleGenAI, GoogleGenAIOptions } from "@google/genai";
import {
  type AdapterCapabilities,
  type JsonSchema,
  LLMAdapter,
  type LLMError,
  type ModelPrice,
  type PreparedRequest,
  type PriceTable,
  type ProviderRequest,
  type ProviderResponse,
  type ProviderStreamPart,
  type SchemaUse,
  worstCaseCost,
} from "@llmc/core";
import type { z } from "zod";
import { buildGeminiRequest } from "./build-gemini-request.js";
import { readGeminiResponse } from "./conclude-gemini-output.js";
import { bareGeminiModelName } from "./gemini-model-name.js";
import {
  GEMINI_OPTION_NAMES,
  type GeminiAdapterOptions,
  resolveGeminiOptions,
} from "./gemini-options.js";
import { geminiPriceTable } from "./gemini-prices.js";
import { geminiReservedOutputTokens } from "./gemini-reserved-output-tokens.js";
import { type GeminiRunConfig, geminiRunConfigSchema } from "./gemini-run-config.js";
import { geminiNeedsSchemaSubset, toGeminiSchemaSubset } from "./gemini-schema-dialect.js";
import { GeminiStreamAccumulator } from "./gemini-stream-accumulator.js";
import { loadGeminiSdk } from "./load-gemini-sdk.js";
import { mapGeminiError } from "./map-gemini-error.js";
import { newGeminiClient } from "./new-gemini-client.js";

/**
 * Gemini through `@google/genai`. One SDK request per attempt: the SDK's retries (never
 * configured) and its automatic continuation (turned off per call) stay off, since core retries,
 * times out and charges the budget.
 */
export class GeminiAdapter extends LLMAdapter<GeminiRunConfig> {
  static readonly contractVersion = 1;
  static readonly optionNames: readonly string[] = GEMINI_OPTION_NAMES;
  readonly provider = "gemini";
  readonly priceTable: PriceTable = geminiPriceTable;
  /** Function calling and JSON output (`responseJsonSchema`, or `responseSchema` on 1.x/2.0). */
  override readonly capabilities: AdapterCapabilities = { tools: true, structuredOutput: true };
  readonly #clientOptions: GoogleGenAIOptions;
  /** Made on the first call, once the SDK is loaded (see `loadGeminiSdk`). */
  #client: GoogleGenAI | undefined;

  constructor(options: GeminiAdapterOptions = {}) {
    super(options);
    // The key and a gateway's `user:password@` in the base URL are registered as secrets.
    const { apiKey, baseURL, apiVersion } = resolveGeminiOptions(options);
    this.#clientOptions = {
      apiKey,
      // Explicit, so GOOGLE_GENAI_USE_VERTEXAI in the environment cannot switch the backend.
      vertexai: false,
      apiVersion,
      ...(baseURL !== undefined ? { httpOptions: { baseUrl: baseURL } } : {}),
    };
  }

  /** The SDK client, made on the first call: importing the adapter loads no SDK. */
  async #connect(): Promise<GoogleGenAI> {
    const sdk = await loadGeminiSdk();
    this.#client ??= newGeminiClient(sdk, this.#clientOptions);
    return this.#client;
  }

  /** Prices are keyed by bare model name; `models/gemini-2.5-flash` finds `gemini-2.5-flash`. */
  override priceFor(model: string): ModelPrice | undefined {
    return super.priceFor(model) ?? super.priceFor(bareGeminiModelName(model));
  }

  protected override configSchema(): z.ZodType {
    return geminiRunConfigSchema;
  }

  /** Gemini 1.x/2.0 take only the OpenAPI subset; see `geminiNeedsSchemaSubset`. */
  protected override toWireSchema(schema: JsonSchema, use: SchemaUse): JsonSchema {
    return geminiNeedsSchemaSubset(use.model) ? toGeminiSchemaSubset(schema) : schema;
  }

  /** Reserves the answer's cap plus room for thinking; see `geminiReservedOutputTokens`. */
  protected override reservationNanos(
    request: PreparedRequest<GeminiRunConfig>,
    price: ModelPrice | undefined,
  ): number {
    if (!price) return super.reservationNanos(request, price);
    const outputTokens = geminiReservedOutputTokens({
      model: request.model,
      maxOutputTokens: request.maxOutputTokens ?? 0,
      thinkingBudget: request.config.thinkingBudget,
      modelMaxOutputTokens: price.maxOutputTokens,
    });
    return worstCaseCost(this.estimateInputTokens(request), outputTokens, price);
  }

  protected async doGenerate(request: ProviderRequest<GeminiRunConfig>): Promise<ProviderResponse> {
    const params = buildGeminiRequest(request);
    const client = this.#client ?? (await this.#connect());
    let response: GenerateContentResponse;
    try {
      response = await client.models.generateContent(params);
    } catch (error) {
      throw mapGeminiError(error, { model: request.model });
    }
    return readGeminiResponse(response, request.model);
  }

  protected override async *doStream(
    request: ProviderRequest<GeminiRunConfig>,
  ): AsyncIterable<ProviderStreamPart> {
    const params = buildGeminiRequest(request);
    const client = this.#client ?? (await this.#connect());
    let stream: AsyncGenerator<GenerateContentResponse>;
    try {
      stream = await client.models.generateContentStream(params);
    } catch (error) {
      throw mapGeminiError(error, { model: request.model });
    }
    // The SDK resolves once Google answered 200: the request is accepted and may be billed, so
    // a stream that breaks before any usage arrives is charged its reservation, not released.
    request.markBilled();
    const accumulator = new GeminiStreamAccumulator(request.model);
    try {
      for await (const chunk of stream) {
        const { text, toolCalls } = accumulator.observe(chunk);
        if (text) yield { type: "text-delta", text };
        for (const call of toolCalls) yield { type: "tool-call", ...call };
      }
    } catch (error) {
      // An error *event* (ApiError) ends generation where Google's last snapshot stands, so that
      // usage is charged. A dropped connection is different: generation may have gone on, so
      // no usage is claimed and core charges the reservation once output had begun.
      const isErrorEvent = (error as { name?: unknown })?.name === "ApiError";
      throw mapGeminiError(error, {
        model: request.model,
        usage: isErrorEvent ? accumulator.usageSoFar : undefined,
      });
    }
    yield accumulator.finish();
  }

  protected override mapError(error: unknown): LLMError {
    return mapGeminiError(error);
  }
}
