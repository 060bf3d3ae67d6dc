import {
  LLMAbortError,
  LLMAuthenticationError,
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
  parseRetryAfterHeaders,
  type Usage,
} from "@llmc/core";
import type { APIError } from "openai";
import { type OpenAISdkModule, openAISdkNow } from "./load-openai-sdk.js";
import { readOpenAIErrorBody } from "./openai-error.js";

const PROVIDER = "openai";

/** Without the SDK no error can be one of its classes: stand-ins nothing is an instance of. */
class NotAnSdkError {}
const NO_SDK_ERRORS = {
  APIConnectionError: NotAnSdkError,
  APIConnectionTimeoutError: NotAnSdkError,
  APIError: NotAnSdkError,
  APIUserAbortError: NotAnSdkError,
} as unknown as Pick<
  OpenAISdkModule,
  "APIConnectionError" | "APIConnectionTimeoutError" | "APIError" | "APIUserAbortError"
>;

/** What the adapter knows about the call when it fails. */
export interface OpenAIErrorContext {
  /** The model asked for, named in a model-not-found error. */
  readonly model?: string | undefined;
  /** Usage reported before the failure; core charges it. */
  readonly usage?: Usage | undefined;
  /** An amount to charge for the failed attempt (see `openai-adapter.ts`). */
  readonly reportedCostUsd?: number | undefined;
}

/**
 * Turns whatever the openai SDK (or fetch under it) threw into core's error classes, keeping
 * OpenAI's own message. Keys are never shown: core redacts every message, and a key OpenAI
 * echoes back ("Incorrect API key provided: sk-…") matches core's key patterns too.
 */
export function mapOpenAIError(error: unknown, context: OpenAIErrorContext = {}): LLMError {
  if (LLMError.isInstance(error)) return error;
  const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } =
    openAISdkNow() ?? NO_SDK_ERRORS;
  const options = {
    provider: PROVIDER,
    cause: error,
    usage: context.usage,
    reportedCostUsd: context.reportedCostUsd,
  };
  if (error instanceof APIUserAbortError || isAbortError(error)) {
    return new LLMAbortError("The OpenAI request was aborted", options);
  }
  // Before APIConnectionError: the timeout class extends it.
  if (error instanceof APIConnectionTimeoutError) {
    return new LLMTimeoutError("The OpenAI request timed out in the SDK", options);
  }
  if (error instanceof APIConnectionError) {
    return new LLMConnectionError(`Could not reach OpenAI: ${describe(error)}`, options);
  }
  if (error instanceof APIError) return mapOpenAIApiError(error, context, options);
  if (error instanceof SyntaxError) {
    return new LLMInvalidResponseError(
      `OpenAI sent a response that is not valid JSON: ${error.message}`,
      options,
    );
  }
  // undici reports a socket closed mid-body as `TypeError: terminated`.
  if (error instanceof TypeError) {
    return new LLMConnectionError(
      `The connection to OpenAI broke mid-response: ${describe(error)}`,
      options,
    );
  }
  return new LLMProviderError(`The OpenAI call failed: ${describe(error)}`, options);
}

type ErrorOptions = {
  readonly provider: string;
  readonly cause: unknown;
  readonly usage: Usage | undefined;
  readonly reportedCostUsd: number | undefined;
};

function mapOpenAIApiError(
  error: APIError,
  context: OpenAIErrorContext,
  options: ErrorOptions,
): LLMError {
  const body = readOpenAIErrorBody(error.error);
  const providerMessage = body?.message ?? error.message;
  const code = body?.code ?? error.code ?? undefined;
  const type = body?.type ?? error.type ?? undefined;
  const status = error.status;
  if (status === undefined) {
    // An `error` event inside a 200 stream: no status, usually `type: server_error`.
    return new LLMProviderError(
      `OpenAI reported an error mid-stream${type ? ` (${type})` : ""}: ${providerMessage}`,
      options,
    );
  }
  const label = `OpenAI ${status}${code ? ` ${code}` : ""}: ${providerMessage}`;
  const retryAfterMs = error.headers
    ? parseRetryAfterHeaders((name) => error.headers?.get(name))
    : undefined;
  // OpenAI's explicit verdict on retrying, when it sends one (the SDK obeys it too).
  const shouldRetry = error.headers?.get("x-should-retry");
  const retryable = shouldRetry === "true" ? true : shouldRetry === "false" ? false : undefined;
  switch (status) {
    case 400:
      if (code === "context_length_exceeded" || /maximum context length/i.test(providerMessage)) {
        return new LLMContextLengthError(label, options);
      }
      if (code === "content_filter" || code === "content_policy_violation") {
        return new LLMContentFilterError(label, { ...options, reason: String(code) });
      }
      // Any other 400 is a request OpenAI will never accept as sent: fix the call.
      return new LLMConfigError(label, { ...options, field: body?.param ?? undefined });
    case 401:
      return new LLMAuthenticationError(label, { ...options, status });
    case 403:
      return new LLMPermissionError(label, { ...options, status });
    case 404:
      if (code === "model_not_found" || /\bmodel\b/i.test(providerMessage)) {
        return new LLMModelNotFoundError(label, { ...options, model: context.model });
      }
      return new LLMProviderError(`${label} (is \`baseURL\` right? It should end in /v1)`, {
        ...options,
        status,
      });
    case 429:
      // Out of quota is not a rate limit: waiting does not help, topping up does.
      if (code === "insufficient_quota" || type === "insufficient_quota") {
        return new LLMInsufficientCreditsError(label, { ...options, status });
      }
      return new LLMRateLimitError(label, {
        ...options,
        status,
        retryAfterMs,
        ...(retryable !== undefined ? { retryable } : {}),
      });
    default:
      return new LLMProviderError(label, {
        ...options,
        status,
        retryAfterMs,
        ...(retryable !== undefined ? { retryable } : {}),
      });
  }
}

function isAbortError(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === "AbortError";
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message && cause.message !== error.message
    ? `${error.message} (${cause.message})`
    : error.message;
}
