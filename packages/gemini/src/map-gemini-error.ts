import {
  LLMAbortError,
  LLMAuthenticationError,
  LLMConnectionError,
  LLMContextLengthError,
  LLMError,
  LLMInsufficientCreditsError,
  LLMInvalidResponseError,
  LLMModelNotFoundError,
  LLMPermissionError,
  LLMProviderError,
  LLMRateLimitError,
  type Usage,
} from "@llmc/core";
import { parseGeminiErrorMessage } from "./gemini-error.js";

const PROVIDER = "gemini";

/** "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)." */
const CONTEXT_TOO_LONG = /input token count.*exceeds|exceeds the maximum number of tokens/i;
/** Prepaid billing ran dry (429 RESOURCE_EXHAUSTED too, but no waiting will fix it). */
const CREDITS_DEPLETED = /prepayment credits|credits are depleted|credit balance/i;
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EPIPE", "ETIMEDOUT"]);

export interface GeminiErrorContext {
  /** The requested model, named in a not-found error. */
  readonly model?: string | undefined;
  /** Usage a stream reported before its error event: core charges it. */
  readonly usage?: Usage | undefined;
}

/** What `@google/genai` throws for an HTTP error or a stream error event (its only error class). */
interface GeminiApiError {
  readonly name: "ApiError";
  readonly status: number;
  readonly message: string;
}

function isGeminiApiError(error: unknown): error is GeminiApiError {
  // Duck-typed rather than `instanceof ApiError`: two installed copies of the SDK must both map.
  return (
    error instanceof Error &&
    error.name === "ApiError" &&
    typeof (error as { status?: unknown }).status === "number"
  );
}

/** Turns whatever `@google/genai` threw into the matching core error, keeping Google's message. */
export function mapGeminiError(error: unknown, context: GeminiErrorContext = {}): LLMError {
  if (LLMError.isInstance(error)) return error;
  const base = { provider: PROVIDER, cause: error, usage: context.usage };
  if (isGeminiApiError(error)) return mapApiError(error, context, base);

  const name = (error as { name?: unknown } | null)?.name;
  const text = error instanceof Error ? error.message : String(error);
  if (name === "AbortError") {
    return new LLMAbortError("The Gemini request was aborted", base);
  }
  if (isNetworkFailure(error)) {
    return new LLMConnectionError(
      `The connection to Gemini failed: ${describeNetwork(error)}`,
      base,
    );
  }
  if (isUnsendableRequest(error)) {
    // Same class as the openai SDK gives for it; the message says what is wrong with the URL.
    return new LLMConnectionError(`Could not send the request to Gemini: ${text}`, base);
  }
  if (
    name === "SyntaxError" ||
    text.startsWith("exception parsing stream chunk") ||
    text.startsWith("Incomplete JSON segment")
  ) {
    return new LLMInvalidResponseError(
      `Gemini sent a response that could not be read: ${text}`,
      base,
    );
  }
  return new LLMError(`Gemini call failed: ${text}`, base);
}

function mapApiError(
  error: GeminiApiError,
  context: GeminiErrorContext,
  base: { provider: string; cause: unknown; usage: Usage | undefined },
): LLMError {
  const info = parseGeminiErrorMessage(error.message);
  const status = error.status;
  const message = `Gemini ${status}${info.status ? ` ${info.status}` : ""}: ${info.message}`;
  // Gemini reports a bad key as 400 INVALID_ARGUMENT with reason API_KEY_INVALID, not 401.
  if (status === 401 || info.reasons.includes("API_KEY_INVALID")) {
    return new LLMAuthenticationError(message, { ...base, status });
  }
  if (status === 403) return new LLMPermissionError(message, { ...base, status });
  if (status === 404) return new LLMModelNotFoundError(message, { ...base, model: context.model });
  if (status === 429) {
    if (CREDITS_DEPLETED.test(info.message)) {
      return new LLMInsufficientCreditsError(message, { ...base, status });
    }
    // The wait is in the body (google.rpc.RetryInfo), not in a retry-after header.
    return new LLMRateLimitError(message, { ...base, status, retryAfterMs: info.retryDelayMs });
  }
  if (status === 400) {
    if (CONTEXT_TOO_LONG.test(info.message)) return new LLMContextLengthError(message, base);
    // "User location is not supported for the API use", free tier unavailable in a region.
    if (info.status === "FAILED_PRECONDITION") {
      return new LLMPermissionError(message, { ...base, status });
    }
  }
  // Other 4xx (a parameter the model rejects) are not retryable; 5xx and 408/409/429 are.
  return new LLMProviderError(message, { ...base, status, retryAfterMs: info.retryDelayMs });
}

function isNetworkFailure(error: unknown): boolean {
  if (error instanceof TypeError && /fetch failed|terminated/i.test(error.message)) return true;
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (NETWORK_CODES.has(code) || code.startsWith("UND_ERR_"))) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * fetch refused to build the request before anything was sent: "Request cannot be constructed
 * from a URL that includes credentials: http://user:pass@…" (a `baseUrl` with userinfo, which
 * Node's fetch never sends). The SDK passes fetch's TypeError on as it is.
 */
function isUnsendableRequest(error: unknown): boolean {
  return error instanceof TypeError && /Request cannot be constructed/i.test(error.message);
}

/** "fetch failed (ECONNREFUSED)", "terminated (other side closed)". */
function describeNetwork(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail =
    typeof cause?.code === "string"
      ? cause.code
      : typeof cause?.message === "string"
        ? cause.message
        : undefined;
  return detail ? `${message} (${detail})` : message;
}
