import {
  LLMAbortError,
  LLMAuthenticationError,
  LLMBudgetExceededError,
  LLMConfigError,
  LLMConnectionError,
  LLMContentFilterError,
  LLMContextLengthError,
  LLMError,
  LLMInsufficientCreditsError,
  LLMInvalidResponseError,
  LLMModelNotFoundError,
  LLMPermissionError,
  LLMProviderError,
  LLMRateLimitError,
  LLMTimeoutError,
} from "@llmc/core";
import type { ConformanceFault, ExpectedError } from "./conformance-options.js";

/**
 * The error classes by name, so expectations can be written as data and checked with
 * `isInstance` (which holds across duplicate installs of @llmc/core, unlike `instanceof`).
 */
export const ERROR_CLASSES: Readonly<Record<string, { isInstance(value: unknown): boolean }>> = {
  LLMError,
  LLMAbortError,
  LLMAuthenticationError,
  LLMBudgetExceededError,
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
};

/** What contracts/core.md §4 says each simulator fault preset becomes. */
export const DEFAULT_FAULT_ERRORS: Readonly<Record<ConformanceFault, ExpectedError>> = {
  auth: { name: "LLMAuthenticationError", retryable: false },
  "rate-limit": { name: "LLMRateLimitError", retryable: true, fields: { retryAfterMs: 7_000 } },
  "context-length": { name: "LLMContextLengthError", retryable: false },
  "model-not-found": { name: "LLMModelNotFoundError", retryable: false },
  overloaded: { name: "LLMProviderError", retryable: true },
  "server-error": { name: "LLMProviderError", retryable: true, fields: { status: 500 } },
  "insufficient-credits": { name: "LLMInsufficientCreditsError", retryable: false },
  "malformed-json": { name: "LLMInvalidResponseError", retryable: false },
};
