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
} from "@llmc/core";
import { isAbortError, parseRetryAfterHeaders, type Usage } from "@llmc/core/adapter";
import type { APIError } from "openai";
import type { ChatCompletionsDialect } from "./chat-completions-dialect.js";
import {
  type ChatCompletionsErrorBody,
  readChatCompletionsErrorBody,
} from "./chat-completions-error-body.js";
import { type OpenAISdkModule, openAISdkNow } from "./load-openai-sdk.js";

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

/** The dialect fields error mapping reads. */
type ErrorDialect = Pick<
  ChatCompletionsDialect<never>,
  "provider" | "label" | "describeError" | "refineError"
>;

/** What the adapter knows about the call when it fails. */
export interface WireErrorContext {
  /** The model asked for, named in a model-not-found error. */
  readonly model?: string | undefined;
  /** Usage reported before the failure; core charges it. */
  readonly usage?: Usage | undefined;
  /** An amount to charge for the failed attempt, USD (the provider's bill, or the reservation). */
  readonly reportedCostUsd?: number | undefined;
}

/** The options every mapped error is built with. */
export interface WireErrorOptions {
  readonly provider: string;
  readonly cause: unknown;
  readonly usage: Usage | undefined;
  readonly reportedCostUsd: number | undefined;
}

/**
 * Turns whatever the openai SDK (or fetch under it) threw into core's error classes, keeping
 * the provider's own message. Keys are never shown: core redacts every message, and a key a
 * server echoes back ("Incorrect API key provided: sk-…") matches core's key patterns too.
 */
export function mapChatCompletionsError(
  error: unknown,
  dialect: ErrorDialect,
  context: WireErrorContext = {},
): LLMError {
  if (LLMError.isInstance(error)) return error;
  const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } =
    openAISdkNow() ?? NO_SDK_ERRORS;
  const label = dialect.label ?? dialect.provider;
  const options: WireErrorOptions = {
    provider: dialect.provider,
    cause: error,
    usage: context.usage,
    reportedCostUsd: context.reportedCostUsd,
  };
  if (error instanceof APIUserAbortError || isAbortError(error)) {
    return new LLMAbortError(`The ${label} request was aborted`, options);
  }
  // Before APIConnectionError: the timeout class extends it.
  if (error instanceof APIConnectionTimeoutError) {
    return new LLMTimeoutError(`The ${label} request timed out in the SDK`, options);
  }
  if (error instanceof APIConnectionError) {
    return new LLMConnectionError(`Could not reach ${label}: ${describe(error)}`, options);
  }
  if (error instanceof APIError) {
    const body = readChatCompletionsErrorBody(error.error);
    if (error.status === undefined) return midResponseError(body, dialect, options);
    return httpError(error, body, dialect, context, options);
  }
  if (error instanceof SyntaxError) {
    return new LLMInvalidResponseError(
      `${label} sent a response that is not valid JSON: ${error.message}`,
      options,
    );
  }
  // undici reports a socket closed mid-body as `TypeError: terminated`.
  if (error instanceof TypeError) {
    return new LLMConnectionError(
      `The connection to ${label} broke mid-response: ${describe(error)}`,
      options,
    );
  }
  return new LLMProviderError(`The ${label} call failed: ${describe(error)}`, options);
}

/**
 * An `error` the provider put inside a 200 answer (a stream chunk, or a non-streamed body)
 * after generation began. It has no HTTP status. Not retried: the call may have produced
 * output, and the usage or cost sent with it is charged.
 */
export function chatCompletionsMidResponseError(
  body: ChatCompletionsErrorBody | undefined,
  dialect: ErrorDialect,
  context: WireErrorContext & { readonly cause?: unknown },
): LLMError {
  return midResponseError(body, dialect, {
    provider: dialect.provider,
    cause: context.cause,
    usage: context.usage,
    reportedCostUsd: context.reportedCostUsd,
  });
}

function midResponseError(
  body: ChatCompletionsErrorBody | undefined,
  dialect: ErrorDialect,
  options: WireErrorOptions,
): LLMError {
  const label = dialect.label ?? dialect.provider;
  const detail =
    body?.code !== undefined ? ` (code ${body.code})` : body?.type ? ` (${body.type})` : "";
  const message = `${label} reported an error mid-response${detail}: ${describeBody(dialect, body, "unknown error")}`;
  const error = new LLMProviderError(message, { ...options, retryable: false });
  return dialect.refineError
    ? dialect.refineError(error, {
        status: undefined,
        body,
        headers: undefined,
        model: undefined,
        message,
        options,
      })
    : error;
}

function httpError(
  error: APIError,
  body: ChatCompletionsErrorBody | undefined,
  dialect: ErrorDialect,
  context: WireErrorContext,
  options: WireErrorOptions,
): LLMError {
  const status = error.status as number;
  const providerMessage = describeBody(dialect, body, error.message);
  const code = body?.code ?? error.code ?? undefined;
  const type = body?.type ?? error.type ?? undefined;
  // A string code names the failure (`invalid_api_key`); OpenRouter's numeric one repeats the status.
  const named = typeof code === "string" ? ` ${code}` : "";
  const message = `${dialect.label ?? dialect.provider} ${status}${named}: ${providerMessage}`;
  const headers = error.headers;
  const mapped = httpErrorClass(status, message, providerMessage, code, type, body, headers, {
    context,
    options,
  });
  return dialect.refineError
    ? dialect.refineError(mapped, {
        status,
        body,
        headers,
        model: context.model,
        message,
        options,
      })
    : mapped;
}

const CONTEXT_LENGTH =
  /maximum context length|context length|context window|maximum context|too many tokens|too long/i;

function httpErrorClass(
  status: number,
  message: string,
  providerMessage: string,
  code: string | number | undefined,
  type: string | undefined,
  body: ChatCompletionsErrorBody | undefined,
  headers: Headers | undefined,
  { context, options }: { context: WireErrorContext; options: WireErrorOptions },
): LLMError {
  const retryAfterMs = headers ? parseRetryAfterHeaders((name) => headers.get(name)) : undefined;
  // The server's explicit verdict on retrying, when it sends one (the SDK obeys it too).
  const shouldRetry = headers?.get("x-should-retry");
  const retryable = shouldRetry === "true" ? true : shouldRetry === "false" ? false : undefined;
  const verdict = retryable !== undefined ? { retryable } : {};
  switch (status) {
    case 400:
      if (code === "context_length_exceeded" || CONTEXT_LENGTH.test(providerMessage)) {
        return new LLMContextLengthError(message, options);
      }
      if (code === "content_filter" || code === "content_policy_violation") {
        return new LLMContentFilterError(message, { ...options, reason: String(code) });
      }
      // Any other 400 is a request the server will never accept as sent: fix the call.
      return new LLMConfigError(message, { ...options, field: body?.param });
    case 401:
      return new LLMAuthenticationError(message, { ...options, status });
    case 402:
      // Payment required: out of credit (OpenRouter, DeepSeek). Waiting does not help.
      return new LLMInsufficientCreditsError(message, { ...options, status });
    case 403:
      return new LLMPermissionError(message, { ...options, status });
    case 404:
      if (code === "model_not_found" || /\bmodel\b/i.test(providerMessage)) {
        return new LLMModelNotFoundError(message, { ...options, model: context.model });
      }
      return new LLMProviderError(
        `${message} (is \`baseURL\` right? Requests go to baseURL + /chat/completions)`,
        { ...options, status },
      );
    case 429:
      // Out of quota is not a rate limit: waiting does not help, topping up does.
      if (code === "insufficient_quota" || type === "insufficient_quota") {
        return new LLMInsufficientCreditsError(message, { ...options, status });
      }
      return new LLMRateLimitError(message, { ...options, status, retryAfterMs, ...verdict });
    default:
      return new LLMProviderError(message, { ...options, status, retryAfterMs, ...verdict });
  }
}

function describeBody(
  dialect: ErrorDialect,
  body: ChatCompletionsErrorBody | undefined,
  fallback: string,
): string {
  return dialect.describeError
    ? dialect.describeError(body, fallback)
    : (body?.message ?? fallback);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message && cause.message !== error.message
    ? `${error.message} (${cause.message})`
    : error.message;
}
