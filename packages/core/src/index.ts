export type { FinishReason, FinishReasonKind } from "./adapter/finish-reason.js";
export type { CostSource, LLMResult } from "./adapter/llm-result.js";
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
  type BudgetState,
  type BudgetThresholdEvent,
  BudgetReservation,
  BudgetTracker,
  type BudgetTrackerOptions,
  type ChildBudgetOptions,
} from "./budget/budget-tracker.js";
export { InMemoryBudgetStore } from "./budget/in-memory-budget-store.js";
export {
  NANOS_PER_USD,
  type Nanos,
  nanosToUsd,
  usdToNanos,
  usdToNanosCeil,
} from "./budget/money.js";
export {
  type BudgetExceededDetails,
  LLMBudgetExceededError,
  LLMBudgetStoreError,
} from "./errors/budget-errors.js";
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
export { REDACTED, redactSecrets, registerSecret, sanitizeCause } from "./errors/redact-secrets.js";
