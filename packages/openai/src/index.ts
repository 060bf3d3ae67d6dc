export { convertOpenAIUsage } from "./convert-openai-usage.js";
export { mapOpenAIError } from "./map-openai-error.js";
export { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";
export { OpenAIAdapter } from "./openai-adapter.js";
export {
  OPENAI_DEFAULT_BASE_URL,
  type OpenAIAdapterOptions,
} from "./openai-options.js";
export { OPENAI_PRICES_AS_OF, openAIPriceTable } from "./openai-prices.js";
export { type OpenAIRunConfig, openAIRunConfigSchema } from "./openai-run-config.js";
