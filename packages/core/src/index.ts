export type { CancelReason } from "./adapter/call-signal.js";
export type { FinishReason, FinishReasonKind } from "./adapter/finish-reason.js";
export { type AdapterOptions, LLMAdapter } from "./adapter/llm-adapter.js";
export type { CostSource, LLMResult } from "./adapter/llm-result.js";
export type { PromptStream } from "./adapter/prompt-stream.js";
export type {
  PreparedRequest,
  ProviderRequest,
  ProviderResponse,
  ProviderStreamFinish,
  ProviderStreamPart,
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
export {
  ATTEMPT_FAILED_CHANNEL_NAME,
  type AttemptFailedEvent,
  CALL_CHANNEL_NAME,
  type CallTelemetryContext,
} from "./telemetry/call-telemetry.js";
