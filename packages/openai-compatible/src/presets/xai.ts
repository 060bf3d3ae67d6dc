import type { Usage } from "@llmc/core";
import type { ChatCompletionsDialect } from "../chat-completions-dialect.js";
import { toUsage } from "../convert-openai-compatible-usage.js";
import type { WireObject, WireReader } from "../wire-reader.js";

/** 1 USD = 10^10 ticks (https://docs.x.ai/developers/cost-tracking). */
const TICKS_PER_USD = 1e10;

/**
 * xAI (https://docs.x.ai/docs/api-reference#chat-completions). Two quirks:
 * - `usage.cost_in_usd_ticks` is the amount billed for the call, after caching discounts and
 *   including server-side tools (https://docs.x.ai/developers/cost-tracking): it is the cost
 *   (`costSource: "provider"`), in ticks of 10^-10 USD.
 * - reasoning tokens are NOT part of `completion_tokens`: they are counted beside it, in
 *   `completion_tokens_details.reasoning_tokens`, and in `total_tokens`
 *   (https://docs.x.ai/docs/key-information/consumption-and-rate-limits), and billed at the
 *   output rate. Core's `outputTokens` includes reasoning, so it is completion + reasoning.
 * Cached prompt tokens are inside `prompt_tokens` (`prompt_tokens_details.cached_tokens`).
 * No price table: budgeted calls reserve from `prices`, then are charged xAI's own bill.
 */
export const xai: ChatCompletionsDialect = {
  provider: "xai",
  label: "xAI",
  baseURL: "https://api.x.ai/v1",
  baseURLEnv: "XAI_BASE_URL",
  apiKeyEnv: "XAI_API_KEY",
  maxTokensParameter: "max_tokens",
  readUsage: readXaiUsage,
  readCostUsd: readXaiCost,
};

function readXaiUsage(usage: WireObject, reader: WireReader): Usage | undefined {
  const prompt = reader.require(
    reader.count(usage.prompt_tokens, "usage.prompt_tokens"),
    "usage.prompt_tokens",
  );
  const completion = reader.require(
    reader.count(usage.completion_tokens, "usage.completion_tokens"),
    "usage.completion_tokens",
  );
  if (prompt === undefined || completion === undefined) return undefined;
  const promptDetails = reader.record(usage.prompt_tokens_details, "usage.prompt_tokens_details");
  const completionDetails = reader.record(
    usage.completion_tokens_details,
    "usage.completion_tokens_details",
  );
  const reasoning =
    completionDetails && reader.count(completionDetails.reasoning_tokens, "usage.reasoning_tokens");
  const output = completion + (reasoning ?? 0);
  return toUsage(
    prompt,
    output,
    reader.count(usage.total_tokens, "usage.total_tokens") ?? prompt + output,
    promptDetails && reader.count(promptDetails.cached_tokens, "usage.cached_tokens"),
    undefined,
    reasoning,
  );
}

function readXaiCost(usage: WireObject, reader: WireReader): number | undefined {
  const ticks = reader.count(usage.cost_in_usd_ticks, "usage.cost_in_usd_ticks");
  return ticks === undefined ? undefined : ticks / TICKS_PER_USD;
}
