import type { ModelPrice, PreparedRequest, PriceTable } from "@llmc/core";
import { OpenAICompatibleAdapter } from "@llmc/openai-compatible";
import { openRouterDialectFor } from "./openrouter-dialect.js";
import type { OpenRouterAdapterOptions } from "./openrouter-options.js";
import { openRouterPriceTable } from "./openrouter-prices.js";
import type { OpenRouterRunConfig } from "./openrouter-run-config.js";

/**
 * OpenRouter's OpenAI-compatible API: the common Chat Completions wire
 * (`@llmc/openai-compatible`) with OpenRouter's dialect. Calls are charged what OpenRouter
 * reports (`usage.cost`, costSource "provider"); the price table only sizes the reservation.
 * Once OpenRouter has answered 200, a failure is charged the cost or usage sent with it, else
 * the attempt's whole reservation.
 */
export class OpenRouterAdapter extends OpenAICompatibleAdapter<OpenRouterRunConfig> {
  static override readonly contractVersion = 1;
  /** The options this adapter reads besides core's; core refuses any other, with a hint. */
  static override readonly optionNames: readonly string[] = [
    "apiKey",
    "baseURL",
    "appUrl",
    "appName",
    "defaultHeaders",
  ];
  override readonly provider = "openrouter";
  override readonly priceTable: PriceTable = openRouterPriceTable;

  constructor(options: OpenRouterAdapterOptions = {}) {
    super(options, openRouterDialectFor(options));
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
}
