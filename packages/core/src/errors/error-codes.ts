import type { LLMBudgetExceededError, LLMBudgetStoreError } from "./budget-errors.js";
import type { LLMError } from "./llm-error.js";
import type {
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
} from "./provider-errors.js";

/**
 * Every `code` an `LLMError` can carry, each mapped to the class that carries it. An interface,
 * not a closed union, so that a package adding its own error classes adds their codes by
 * declaration merging (`declare module "@llmc/core" { interface LLMErrorCodes { … } }`, as
 * `@llmc/claude-code` does): `LLMErrorCode` is then exactly the codes of the packages your
 * program imports, and a `switch` over it that misses one fails to compile.
 */
export interface LLMErrorCodes {
  /** A plain `LLMError`: a failure no subclass describes (e.g. an unexpected provider error). */
  llm_error: LLMError;
  config: LLMConfigError;
  authentication: LLMAuthenticationError;
  permission: LLMPermissionError;
  rate_limit: LLMRateLimitError;
  timeout: LLMTimeoutError;
  aborted: LLMAbortError;
  context_length_exceeded: LLMContextLengthError;
  content_filtered: LLMContentFilterError;
  model_not_found: LLMModelNotFoundError;
  provider_error: LLMProviderError;
  insufficient_credits: LLMInsufficientCreditsError;
  invalid_response: LLMInvalidResponseError;
  refusal: LLMRefusalError;
  connection: LLMConnectionError;
  budget_exceeded: LLMBudgetExceededError;
  budget_store_unavailable: LLMBudgetStoreError;
}

/** The string-literal union of every error `code`: `switch (error.code)` on it exhaustively. */
export type LLMErrorCode = keyof LLMErrorCodes;
