export {
  buildChatCompletionsBody,
  type ChatCompletionsBody,
  type ChatCompletionsMessage,
} from "./build-chat-completions-request.js";
export type {
  ChatCompletionsDialect,
  ChatCompletionsErrorContext,
  MaxTokensParameter,
} from "./chat-completions-dialect.js";
export {
  type ChatCompletionsErrorBody,
  readChatCompletionsErrorBody,
} from "./chat-completions-error-body.js";
export {
  type ChatCompletionsUsage,
  convertChatCompletionsUsage,
  readChatCompletionsUsage,
  toUsage,
} from "./convert-openai-compatible-usage.js";
export { loadOpenAISdk } from "./load-openai-sdk.js";
export {
  chatCompletionsMidResponseError,
  mapChatCompletionsError,
  type WireErrorContext,
  type WireErrorOptions,
} from "./map-openai-compatible-error.js";
export { mapChatCompletionsFinishReason } from "./map-openai-compatible-finish-reason.js";
export { OpenAICompatibleAdapter } from "./openai-compatible-adapter.js";
export {
  nonEmpty,
  OPENAI_COMPATIBLE_OPTION_KEYS,
  type OpenAICompatibleAdapterOptions,
  resolveChatCompletionsConnection,
} from "./openai-compatible-options.js";
export {
  type OpenAICompatibleRunConfig,
  openAICompatibleRunConfigSchema,
} from "./openai-compatible-run-config.js";
export {
  deepseek,
  fireworks,
  groq,
  lmstudio,
  mistral,
  OPENAI_COMPATIBLE_PRESETS,
  ollama,
  together,
  vllm,
  xai,
} from "./presets/index.js";
export {
  type ChatCompletionsChunk,
  readChatCompletionsChunk,
} from "./read-chat-completions-chunk.js";
export {
  type ChatCompletionsResponse,
  readChatCompletionsResponse,
} from "./read-chat-completions-response.js";
export {
  fromStrictJsonValue,
  OPENAI_STRICT_LIMITS,
  STRICT_ROOT_WRAPPER_KEY,
  type StrictSchemaOptions,
  toStrictJsonSchema,
} from "./strict-json-schema.js";
export { type WireObject, type WireRead, WireReader } from "./wire-reader.js";
