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
import { type OpenAISdkModule, openAISdkNow } from "./load-openai-sdk.js";
import { type OpenRouterErrorBody, readOpenRouterErrorBody } from "./openrouter-error.js";

const PROVIDER = "openrouter";

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
export interface OpenRouterErrorContext {
  readonly model?: string | undefined;
  /** Usage reported before the failure; core charges it. */
  readonly usage?: Usage | undefined;
  /** Cost to charge for the failed attempt, USD (OpenRouter's own, or the reservation). */
  readonly reportedCostUsd?: number | undefined;
}

type ErrorOptions = {
  readonly provider: string;
  readonly cause?: unknown;
  readonly usage?: Usage | undefined;
  readonly reportedCostUsd?: number | undefined;
};

/** Turns whatever the openai SDK (or fetch under it) threw for OpenRouter into core's errors. */
export function mapOpenRouterError(error: unknown, context: OpenRouterErrorContext = {}): LLMError {
  if (LLMError.isInstance(error)) return error;
  const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } =
    openAISdkNow() ?? NO_SDK_ERRORS;
  const options = optionsFor(error, context);
  if (error instanceof APIUserAbortError || isAbortError(error)) {
    return new LLMAbortError("The OpenRouter request was aborted", options);
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new LLMTimeoutError("The OpenRouter request timed out in the SDK", options);
  }
  if (error instanceof APIConnectionError) {
    return new LLMConnectionError(`Could not reach OpenRouter: ${describe(error)}`, options);
  }
  if (error instanceof APIError) {
    const body = readOpenRouterErrorBody(error.error);
    if (error.status === undefined) return openRouterStreamError(body, options);
    return openRouterHttpError(error.status, body, error.headers, context, options);
  }
  if (error instanceof SyntaxError) {
    return new LLMInvalidResponseError(
      `OpenRouter sent a response that is not valid JSON: ${error.message}`,
      options,
    );
  }
  // undici reports a socket closed mid-body as `TypeError: terminated`.
  if (error instanceof TypeError) {
    return new LLMConnectionError(
      `The connection to OpenRouter broke mid-response: ${describe(error)}`,
      options,
    );
  }
  return new LLMProviderError(`The OpenRouter call failed: ${describe(error)}`, options);
}

/**
 * An HTTP error status. OpenRouter's `error.code` equals the status when a request is rejected
 * before generation; `metadata` names the upstream that failed.
 */
export function openRouterHttpError(
  status: number,
  body: OpenRouterErrorBody | undefined,
  headers: Headers | undefined,
  context: OpenRouterErrorContext,
  options: ErrorOptions = optionsFor(undefined, context),
): LLMError {
  const message = messageOf(body, `HTTP ${status}`);
  const label = `OpenRouter ${status}: ${message}`;
  const retryAfterMs = headers ? parseRetryAfterHeaders((name) => headers.get(name)) : undefined;
  switch (status) {
    case 400:
      if (/context length|context window|maximum context|too many tokens|too long/i.test(message)) {
        return new LLMContextLengthError(label, options);
      }
      return new LLMConfigError(label, options);
    case 401:
      return new LLMAuthenticationError(label, { ...options, status });
    case 402:
      // Out of credits (or `max_tokens` more than the credits left can pay for): top up.
      return new LLMInsufficientCreditsError(label, { ...options, status });
    case 403:
      // OpenRouter's 403 is its moderation gate; `metadata.reasons` says why.
      if (body?.metadata?.reasons || body?.metadata?.flagged_input) {
        return new LLMContentFilterError(label, {
          ...options,
          reason: body.metadata.reasons?.join(", ") || "moderation",
        });
      }
      return new LLMPermissionError(label, { ...options, status });
    case 404:
      return new LLMModelNotFoundError(label, { ...options, model: context.model });
    case 429:
      return new LLMRateLimitError(label, { ...options, status, retryAfterMs });
    default:
      return new LLMProviderError(label, { ...options, status, retryAfterMs });
  }
}

/**
 * An `error` OpenRouter put inside a 200 answer (a stream chunk, or a non-stream body) after
 * generation began. It has no HTTP status; `code` is the upstream's. Not retried: the call
 * may have produced output, and its usage (sent with the error) is charged.
 */
export function openRouterStreamError(
  body: OpenRouterErrorBody | undefined,
  options: ErrorOptions,
): LLMError {
  const code = body?.code !== undefined && body.code !== null ? ` (code ${body.code})` : "";
  return new LLMProviderError(
    `OpenRouter reported an error mid-response${code}: ${messageOf(body, "unknown error")}`,
    { ...options, retryable: false },
  );
}

/** OpenRouter's message, with the upstream's own words when it passed them on. */
function messageOf(body: OpenRouterErrorBody | undefined, fallback: string): string {
  const message = body?.message ?? fallback;
  const upstream = body?.metadata?.provider_name;
  const raw = body?.metadata?.raw;
  const rawText = typeof raw === "string" ? raw : raw !== undefined ? JSON.stringify(raw) : "";
  if (!upstream && !rawText) return message;
  return `${message} (${[upstream, rawText].filter(Boolean).join(": ")})`;
}

function optionsFor(cause: unknown, context: OpenRouterErrorContext): ErrorOptions {
  return {
    provider: PROVIDER,
    cause,
    usage: context.usage,
    reportedCostUsd: context.reportedCostUsd,
  };
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
