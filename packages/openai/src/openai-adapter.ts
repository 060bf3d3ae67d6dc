import type { PriceTable } from "@llmc/core";
import { OpenAICompatibleAdapter } from "@llmc/openai-compatible";
import { openAIDialectFor } from "./openai-dialect.js";
import type { OpenAIAdapterOptions } from "./openai-options.js";
import { openAIPriceTable } from "./openai-prices.js";
import type { OpenAIRunConfig } from "./openai-run-config.js";

/**
 * OpenAI Chat Completions through the official `openai` SDK: the common Chat Completions wire
 * (`@llmc/openai-compatible`) with OpenAI's dialect.
 *
 * Budget rule on top of core's: once OpenAI has answered 200 it has accepted, and will bill,
 * the request. A failure after that point which leaves no usage behind (a body cut mid-way,
 * unreadable JSON, a mid-stream error event, a stream stalled or cancelled before its usage
 * chunk) is charged the attempt's whole reservation, the honest upper bound, rather than
 * released as a failure "before output" would be.
 */
export class OpenAIAdapter extends OpenAICompatibleAdapter<OpenAIRunConfig> {
  static override readonly contractVersion = 1;
  /** The options this adapter reads besides core's; core refuses any other, with a hint. */
  static override readonly optionNames: readonly string[] = [
    "apiKey",
    "baseURL",
    "organization",
    "project",
    "defaultHeaders",
    "maxTokensParameter",
    "streamUsage",
  ];
  override readonly provider = "openai";
  override readonly priceTable: PriceTable = openAIPriceTable;

  constructor(options: OpenAIAdapterOptions = {}) {
    super(options, openAIDialectFor(options));
  }
}
