import type { z } from "zod";
import { LLMError, type LLMErrorOptions } from "./llm-error.js";

/** Bad configuration or input: fix the call, do not retry. */
export class LLMConfigError extends LLMError {
  static override readonly kind: string = "LLMConfigError";
  override readonly code: "config" = "config";
  /** The config field at fault, e.g. `maxOutputTokens`, when one is. */
  readonly field: string | undefined;
  constructor(message: string, options: LLMErrorOptions & { field?: string } = {}) {
    super(message, { ...options, retryable: false });
    this.field = options.field;
  }
}

/** The key is missing, wrong or revoked (401), or lacks permission (403). */
export class LLMAuthenticationError extends LLMError {
  static override readonly kind: string = "LLMAuthenticationError";
  override readonly code: "authentication" | "permission" = "authentication";
  readonly status: number | undefined;
  constructor(message: string, options: LLMErrorOptions & { status?: number } = {}) {
    super(message, { ...options, retryable: false });
    this.status = options.status;
  }
}

/** The key is valid but not allowed to do this (403, region, moderation gate). */
export class LLMPermissionError extends LLMAuthenticationError {
  static override readonly kind: string = "LLMPermissionError";
  override readonly code: "permission" = "permission";
}

/** Too many requests (429). `retryAfterMs` is the provider's requested wait, when it gave one. */
export class LLMRateLimitError extends LLMError {
  static override readonly kind: string = "LLMRateLimitError";
  override readonly code: "rate_limit" = "rate_limit";
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;
  constructor(
    message: string,
    options: LLMErrorOptions & { retryAfterMs?: number | undefined; status?: number } = {},
  ) {
    super(message, { ...options, retryable: options.retryable ?? true });
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status ?? 429;
  }
}

/** The call took longer than `timeoutMs`. */
export class LLMTimeoutError extends LLMError {
  static override readonly kind: string = "LLMTimeoutError";
  override readonly code: "timeout" = "timeout";
  readonly timeoutMs: number | undefined;
  constructor(message: string, options: LLMErrorOptions & { timeoutMs?: number } = {}) {
    super(message, { ...options, retryable: false });
    this.timeoutMs = options.timeoutMs;
  }
}

/** The caller's `AbortSignal` fired. Never retried. */
export class LLMAbortError extends LLMError {
  static override readonly kind: string = "LLMAbortError";
  override readonly code: "aborted" = "aborted";
  constructor(message = "The call was aborted", options: LLMErrorOptions = {}) {
    super(message, { ...options, retryable: false });
  }
}

/** The prompt plus requested output does not fit the model's context window. */
export class LLMContextLengthError extends LLMError {
  static override readonly kind: string = "LLMContextLengthError";
  override readonly code: "context_length_exceeded" = "context_length_exceeded";
  constructor(message: string, options: LLMErrorOptions = {}) {
    super(message, { ...options, retryable: false });
  }
}

/** The provider refused the prompt or stopped the answer for safety or policy reasons. */
export class LLMContentFilterError extends LLMError {
  static override readonly kind: string = "LLMContentFilterError";
  override readonly code: "content_filtered" = "content_filtered";
  /** The provider's own reason, e.g. Gemini's `SAFETY` or `PROHIBITED_CONTENT`. */
  readonly reason: string | undefined;
  constructor(message: string, options: LLMErrorOptions & { reason?: string } = {}) {
    super(message, { ...options, retryable: false });
    this.reason = options.reason;
  }
}

/** The model name is unknown to the provider or not available to this key (404). */
export class LLMModelNotFoundError extends LLMError {
  static override readonly kind: string = "LLMModelNotFoundError";
  override readonly code: "model_not_found" = "model_not_found";
  readonly model: string | undefined;
  constructor(message: string, options: LLMErrorOptions & { model?: string } = {}) {
    super(message, { ...options, retryable: false });
    this.model = options.model;
  }
}

/** The provider failed (5xx, overloaded, other statuses). Retryable when the status says so. */
export class LLMProviderError extends LLMError {
  static override readonly kind: string = "LLMProviderError";
  override readonly code: "provider_error" | "insufficient_credits" = "provider_error";
  /** The HTTP status, or undefined for failures with none (a mid-stream error event). */
  readonly status: number | undefined;
  /** Server-requested wait before a retry, when one was sent (`retry-after` on a 503). */
  readonly retryAfterMs: number | undefined;
  constructor(
    message: string,
    options: LLMErrorOptions & {
      status?: number | undefined;
      retryAfterMs?: number | undefined;
    } = {},
  ) {
    super(message, {
      ...options,
      retryable:
        options.retryable ?? (options.status !== undefined && isRetryableStatus(options.status)),
    });
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The account has no credit left for this request (OpenRouter 402). Top up; do not retry. */
export class LLMInsufficientCreditsError extends LLMProviderError {
  static override readonly kind: string = "LLMInsufficientCreditsError";
  override readonly code: "insufficient_credits" = "insufficient_credits";
  constructor(message: string, options: LLMErrorOptions & { status?: number } = {}) {
    super(message, { ...options, retryable: false, status: options.status ?? 402 });
  }
}

/** One problem zod found in a reply: where (`path`) and what (`message`). */
export type InvalidResponseIssue = z.core.$ZodIssue;

export interface InvalidResponseDetails {
  /** What the model wrote: the answer's text, or a tool call's raw arguments. */
  readonly rawText?: string | undefined;
  /** Why the schema refused it (empty when the text was not even JSON). */
  readonly issues?: readonly InvalidResponseIssue[] | undefined;
  /** The tool whose call was invalid (unknown name, arguments not JSON or not its schema). */
  readonly toolName?: string | undefined;
}

/**
 * The provider answered with something this library cannot read, or the model's answer does
 * not fit what was asked: a structured answer (`schema`) that is not JSON or fails the schema,
 * or a tool call with an unknown name or invalid arguments. Those carry `rawText`, the zod
 * `issues` and the `toolName`; the call was charged (the provider billed it), and
 * `repair: { attempts }` can feed the error back to the model.
 */
export class LLMInvalidResponseError extends LLMError implements InvalidResponseDetails {
  static override readonly kind: string = "LLMInvalidResponseError";
  override readonly code: "invalid_response" = "invalid_response";
  readonly rawText: string | undefined;
  readonly issues: readonly InvalidResponseIssue[] | undefined;
  readonly toolName: string | undefined;
  constructor(message: string, options: LLMErrorOptions & InvalidResponseDetails = {}) {
    super(message, { ...options, retryable: options.retryable ?? false });
    this.rawText = options.rawText;
    this.issues = options.issues;
    this.toolName = options.toolName;
  }
}

/**
 * The model declined to answer (OpenAI's `refusal`, Claude's `refusal` stop reason). Not a
 * parse error: asking again the same way will not help. The call was charged.
 */
export class LLMRefusalError extends LLMError {
  static override readonly kind: string = "LLMRefusalError";
  override readonly code: "refusal" = "refusal";
  /** The model's own words, when it gave any. */
  readonly refusal: string | undefined;
  constructor(message: string, options: LLMErrorOptions & { refusal?: string | undefined } = {}) {
    super(message, { ...options, retryable: false });
    this.refusal = options.refusal;
  }
}

/** Connection refused, reset or DNS failure before an answer arrived: retryable. */
export class LLMConnectionError extends LLMError {
  static override readonly kind: string = "LLMConnectionError";
  override readonly code: "connection" = "connection";
  constructor(message: string, options: LLMErrorOptions = {}) {
    super(message, { ...options, retryable: options.retryable ?? true });
  }
}

/** 408, 409, 425, 429 and every 5xx are worth retrying; other statuses are not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}
