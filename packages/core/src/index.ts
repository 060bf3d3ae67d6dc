export type { CancelReason } from "./adapter/call-signal.js";
export type { AdapterCapabilities } from "./adapter/capabilities.js";
export type { FinishReason, FinishReasonKind } from "./adapter/finish-reason.js";
export { type AdapterOptions, LLMAdapter } from "./adapter/llm-adapter.js";
export type { CostSource, LLMResult } from "./adapter/llm-result.js";
export type { PartialObject, PromptStream, PromptStreamPart } from "./adapter/prompt-stream.js";
export type {
  PreparedRequest,
  ProviderRequest,
  ProviderResponse,
  ProviderStreamFinish,
  ProviderStreamPart,
  ProviderStreamToolCall,
} from "./adapter/provider-call.js";
export { emptyUsage, type Usage } from "./adapter/usage.js";
export type {
  BudgetNodeRef,
  BudgetSnapshot,
  BudgetStore,
  ReserveOutcome,
  ReserveRequest,
  SettleOutcome,
} from "./budget/budget-store.js";
export {
  BudgetReservation,
  type BudgetState,
  type BudgetThresholdEvent,
  BudgetTracker,
  type BudgetTrackerOptions,
  type ChildBudgetOptions,
  type EventualSettleOutcome,
  type FlushReport,
} from "./budget/budget-tracker.js";
export {
  type BudgetWindow,
  periodEnd,
  periodStart,
  type ResolvedBudgetWindow,
  resolveWindow,
  windowNests,
} from "./budget/budget-window.js";
export {
  InMemoryBudgetStore,
  type InMemoryBudgetStoreOptions,
} from "./budget/in-memory-budget-store.js";
export {
  MAX_USD,
  NANOS_PER_USD,
  type Nanos,
  nanosToUsd,
  usdToNanos,
  usdToNanosCeil,
} from "./budget/money.js";
export type { PendingSettleInfo } from "./budget/pending-settle.js";
export type {
  BudgetPathNode,
  BudgetTrackerEventName,
  BudgetTrackerEvents,
  BudgetTrackerListener,
  SettleContext,
  SettleCostSource,
  SettleEvent,
  SettleEventOutcome,
  SettleFailedEvent,
} from "./budget/tracker-events.js";
export { lazySchema } from "./config/lazy-schema.js";
export { MAX_TIMER_MS } from "./config/limits.js";
export {
  type ChatMessage,
  type ChatRole,
  type Prompt,
  promptSchema,
  toMessages,
} from "./config/prompt.js";
export { parseConfig, type RunConfig, runConfigSchema } from "./config/run-config.js";
export {
  type BudgetExceededDetails,
  type BudgetStoreErrorOptions,
  type BudgetStorePhase,
  LLMBudgetExceededError,
  LLMBudgetStoreError,
} from "./errors/budget-errors.js";
export type { LLMErrorCode, LLMErrorCodes } from "./errors/error-codes.js";
export { LLMError, type LLMErrorOptions } from "./errors/llm-error.js";
export {
  type InvalidResponseDetails,
  type InvalidResponseIssue,
  isRetryableStatus,
  LLMAbortError,
  LLMAuthenticationError,
  LLMConfigError,
  LLMConnectionError,
  LLMContentFilterError,
  LLMContextLengthError,
  LLMInsufficientCreditsError,
  LLMInvalidResponseError,
  LLMModelNotFoundError,
  LLMPermissionError,
  LLMProviderError,
  LLMRateLimitError,
  LLMRefusalError,
  LLMTimeoutError,
} from "./errors/provider-errors.js";
export {
  REDACTED,
  redactSecrets,
  registerSecret,
  registerUrlCredentials,
  sanitizeCause,
} from "./errors/redact-secrets.js";
export {
  InMemorySpendLedger,
  type InMemorySpendLedgerOptions,
} from "./ledger/in-memory-spend-ledger.js";
export { LedgerAttachments } from "./ledger/ledger-attachments.js";
export type {
  SpendGroupKey,
  SpendLedger,
  SpendReport,
  SpendReportQuery,
  SpendReportRow,
  SpendTotals,
} from "./ledger/spend-ledger.js";
export { checkGroupBy, summarizeSpend } from "./ledger/summarize-spend.js";
export { costOfUsage, worstCaseCost } from "./pricing/cost.js";
export {
  estimateInputTokens,
  TOKENS_PER_MESSAGE_OVERHEAD,
  TOKENS_PER_REQUEST_OVERHEAD,
} from "./pricing/estimate-input-tokens.js";
export {
  estimateToolTokens,
  TOKENS_PER_SCHEMA_BLOCK_OVERHEAD,
  TOKENS_PER_TOOL_OVERHEAD,
} from "./pricing/estimate-tool-tokens.js";
export { findPrice } from "./pricing/find-price.js";
export type { ModelPrice, PriceTable } from "./pricing/model-price.js";
export { abortableSleep } from "./retry/abortable-sleep.js";
export {
  DEFAULT_MAX_RETRIES,
  DEFAULT_RETRY_POLICY,
  parseRetryAfterHeaders,
  type RetryPolicy,
  retryDelayMs,
} from "./retry/retry-policy.js";
export { parsePartialJson } from "./structured/parse-partial-json.js";
export {
  ATTEMPT_FAILED_CHANNEL_NAME,
  type AttemptFailedEvent,
  CALL_CHANNEL_NAME,
  type CallTelemetryContext,
} from "./telemetry/call-telemetry.js";
export type { ObjectFor } from "./tools/infer-result.js";
export type { JsonSchema } from "./tools/json-schema.js";
export type { ProviderToolCall } from "./tools/parse-tool-calls.js";
export {
  type Tool,
  type ToolCall,
  type ToolCallOf,
  type ToolChoice,
  type ToolContext,
  type ToolSet,
  tool,
} from "./tools/tool.js";
export type { ResponseSchemaSpec, SchemaUse, ToolSpec } from "./tools/tool-spec.js";
