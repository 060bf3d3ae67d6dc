export {
  convertChatCompletionsUsage as convertOpenAIUsage,
  mapChatCompletionsFinishReason as mapOpenAIFinishReason,
} from "@llmc/openai-compatible";
export { mapOpenAIError } from "./map-openai-error.js";
export { OpenAIAdapter } from "./openai-adapter.js";
export {
  OPENAI_DEFAULT_BASE_URL,
  type OpenAIAdapterOptions,
} from "./openai-options.js";
export { OPENAI_PRICES_AS_OF, openAIPriceTable } from "./openai-prices.js";
export { type OpenAIRunConfig, openAIRunConfigSchema } from "./openai-run-config.js";
