import { LLMContentFilterError, type LLMError, LLMModelNotFoundError } from "@llmc/core";
import {
  type ChatCompletionsDialect,
  type ChatCompletionsErrorBody,
  type ChatCompletionsErrorContext,
  nonEmpty,
} from "@llmc/openai-compatible";
import { readOpenRouterCostUsd } from "./convert-openrouter-usage.js";
import {
  OPENROUTER_DEFAULT_BASE_URL,
  type OpenRouterAdapterOptions,
} from "./openrouter-options.js";
import { openRouterPriceTable } from "./openrouter-prices.js";
import { type OpenRouterRunConfig, openRouterRunConfigSchema } from "./openrouter-run-config.js";

/**
 * Where OpenRouter differs from the common Chat Completions wire:
 * - its endpoint and `OPENROUTER_*` variables (never `OPENAI_*`: they point at OpenAI);
 * - `max_tokens` (it translates it for every upstream) and its routing fields; `usage:
 *   { include: true }` asks for the cost (now always sent; the flag is harmless and kept);
 * - no `stream_options`: OpenRouter ends every stream with usage unasked;
 * - `usage.cost` is the bill (costSource "provider"), plus the upstream's with your own key;
 * - metadata: the upstream that served the call, its own finish reason, the generation id;
 * - errors: `metadata` carries the upstream's name and raw words; a 403 with moderation
 *   reasons is a content filter; every 404 is "no endpoints found" for the model.
 */
export const openRouterDialect: ChatCompletionsDialect<OpenRouterRunConfig> = {
  provider: "openrouter",
  label: "OpenRouter",
  baseURL: OPENROUTER_DEFAULT_BASE_URL,
  baseURLEnv: "OPENROUTER_BASE_URL",
  apiKeyEnv: "OPENROUTER_API_KEY",
  priceTable: openRouterPriceTable,
  maxTokensParameter: "max_tokens",
  streamUsage: false,
  configSchema: openRouterRunConfigSchema,
  extendBody(body, { config }) {
    body.usage = { include: true };
    if (config.provider !== undefined) body.provider = config.provider;
    if (config.models !== undefined) body.models = [...config.models];
    if (config.transforms !== undefined) body.transforms = [...config.transforms];
    if (config.reasoning !== undefined) body.reasoning = config.reasoning;
  },
  readCostUsd: readOpenRouterCostUsd,
  metadata: {
    body: { upstreamProvider: "provider" },
    choice: { nativeFinishReason: "native_finish_reason" },
    headers: { generationId: "x-generation-id" },
  },
  describeError: describeOpenRouterError,
  refineError: refineOpenRouterError,
};

/** The attribution headers, `HTTP-Referer` ← `appUrl` and `X-Title` ← `appName` (`defaultHeaders` win). */
export function openRouterDialectFor(
  options: Pick<OpenRouterAdapterOptions, "appUrl" | "appName">,
): ChatCompletionsDialect<OpenRouterRunConfig> {
  const appUrl = nonEmpty(options.appUrl);
  const appName = nonEmpty(options.appName);
  if (!appUrl && !appName) return openRouterDialect;
  const defaultHeaders: Record<string, string> = {};
  if (appUrl) defaultHeaders["HTTP-Referer"] = appUrl;
  if (appName) defaultHeaders["X-Title"] = appName;
  return { ...openRouterDialect, defaultHeaders };
}

/** OpenRouter's message, with the upstream's own words when it passed them on. */
function describeOpenRouterError(body: ChatCompletionsErrorBody | undefined, fallback: string) {
  const message = body?.message ?? fallback;
  const upstream = body?.metadata?.provider_name;
  const raw = body?.metadata?.raw;
  const rawText = typeof raw === "string" ? raw : raw !== undefined ? JSON.stringify(raw) : "";
  const name = typeof upstream === "string" ? upstream : "";
  if (!name && !rawText) return message;
  return `${message} (${[name, rawText].filter(Boolean).join(": ")})`;
}

function refineOpenRouterError(error: LLMError, context: ChatCompletionsErrorContext): LLMError {
  const { status, body, message, options } = context;
  // OpenRouter's 403 is its moderation gate when `metadata.reasons` says why.
  if (status === 403 && (body?.metadata?.reasons || body?.metadata?.flagged_input)) {
    const reasons = body.metadata.reasons;
    const reason = Array.isArray(reasons)
      ? reasons.filter((r) => typeof r === "string").join(", ")
      : "";
    return new LLMContentFilterError(message, { ...options, reason: reason || "moderation" });
  }
  // "No endpoints found for <model>": the model (or that variant) is not served.
  if (status === 404 && !LLMModelNotFoundError.isInstance(error)) {
    return new LLMModelNotFoundError(message, { ...options, model: context.model });
  }
  return error;
}
