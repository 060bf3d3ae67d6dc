/**
 * `@llmc/core/adapter`: what an adapter author needs and a user never does. The base class and
 * its hook types, the contract version, and the helpers every adapter would otherwise write
 * again (API key and base URL resolution, zod issue → `LLMConfigError`, abort detection,
 * secret registration, cost arithmetic). Users import from `@llmc/core`.
 */
export type { AdapterCapabilities } from "./adapter/capabilities.js";
export {
  ADAPTER_CONTRACT_VERSION,
  SUPPORTED_ADAPTER_CONTRACT_VERSIONS,
} from "./adapter/contract-version.js";
export type { FinishReason, FinishReasonKind } from "./adapter/finish-reason.js";
export { type AdapterOptions, LLMAdapter } from "./adapter/llm-adapter.js";
export type {
  PreparedRequest,
  ProviderRequest,
  ProviderResponse,
  ProviderStreamFinish,
  ProviderStreamPart,
  ProviderStreamToolCall,
} from "./adapter/provider-call.js";
export { emptyUsage, type Usage } from "./adapter/usage.js";
export { type Nanos, nanosToUsd, usdToNanos } from "./budget/money.js";
export { lazySchema } from "./config/lazy-schema.js";
export type { ChatMessage, ChatRole } from "./config/prompt.js";
export { configErrorFrom, type RunConfig, runConfigSchema } from "./config/run-config.js";
export type { LLMErrorOptions } from "./errors/llm-error.js";
export { isRetryableStatus } from "./errors/provider-errors.js";
export {
  REDACTED,
  redactSecrets,
  registerSecret,
  registerUrlCredentials,
} from "./errors/redact-secrets.js";
export { isAbortError } from "./kit/is-abort-error.js";
export { type ApiKeySource, resolveApiKey } from "./kit/resolve-api-key.js";
export { type BaseURLSource, resolveBaseURL } from "./kit/resolve-base-url.js";
export { costOfUsage, worstCaseCost } from "./pricing/cost.js";
export { estimateInputTokens } from "./pricing/estimate-input-tokens.js";
export { estimateToolTokens } from "./pricing/estimate-tool-tokens.js";
export { findPrice } from "./pricing/find-price.js";
export type { ModelPrice, PriceTable } from "./pricing/model-price.js";
export { parseRetryAfterHeaders } from "./retry/retry-policy.js";
export type { JsonSchema } from "./tools/json-schema.js";
export type { ProviderToolCall } from "./tools/parse-tool-calls.js";
export type { ResponseSchemaSpec, SchemaUse, ToolSpec } from "./tools/tool-spec.js";
