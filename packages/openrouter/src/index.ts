export { mapChatCompletionsFinishReason as mapOpenRouterFinishReason } from "@llmc/openai-compatible";
export {
  convertOpenRouterUsage,
  type OpenRouterUsage,
  openRouterCostUsd,
} from "./convert-openrouter-usage.js";
export { mapOpenRouterError } from "./map-openrouter-error.js";
export { OpenRouterAdapter } from "./openrouter-adapter.js";
export {
  OPENROUTER_DEFAULT_BASE_URL,
  type OpenRouterAdapterOptions,
} from "./openrouter-options.js";
export { OPENROUTER_PRICES_AS_OF, openRouterPriceTable } from "./openrouter-prices.js";
export {
  type OpenRouterProviderRouting,
  type OpenRouterRunConfig,
  openRouterProviderRoutingSchema,
  openRouterRunConfigSchema,
} from "./openrouter-run-config.js";
