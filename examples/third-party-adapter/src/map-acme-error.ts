import {
  LLMAbortError,
  LLMAuthenticationError,
  LLMConnectionError,
  LLMContextLengthError,
  type LLMError,
  LLMInsufficientCreditsError,
  LLMInvalidResponseError,
  LLMModelNotFoundError,
  LLMPermissionError,
  LLMProviderError,
  LLMRateLimitError,
} from "@llmc/core";
import { isAbortError, parseRetryAfterHeaders } from "@llmc/core/adapter";

const PROVIDER = "acme";

/** An HTTP error answer → the core error class that says what to do about it. */
export async function acmeHttpError(response: Response, model: string): Promise<LLMError> {
  const status = response.status;
  const body = await response.text().catch(() => "");
  let detail: { message?: string; code?: string; type?: string } = {};
  try {
    detail = (JSON.parse(body) as { error?: typeof detail }).error ?? {};
  } catch {
    detail = { message: body.slice(0, 200) };
  }
  // The message may quote the key back: core redacts every registered secret from it.
  const message = `Acme ${status}: ${detail.message ?? response.statusText}`;
  const options = { provider: PROVIDER, status };
  const retryAfterMs = parseRetryAfterHeaders((name) => response.headers.get(name));
  const code = detail.code ?? detail.type;
  if (status === 401) return new LLMAuthenticationError(message, options);
  if (status === 403) return new LLMPermissionError(message, options);
  if (status === 404) return new LLMModelNotFoundError(message, { provider: PROVIDER, model });
  if (status === 429 && code === "insufficient_quota") {
    return new LLMInsufficientCreditsError(message, options);
  }
  if (status === 429) return new LLMRateLimitError(message, { ...options, retryAfterMs });
  if (status === 400 && code === "context_length_exceeded") {
    return new LLMContextLengthError(message, { provider: PROVIDER });
  }
  // Retryable exactly when the status says so (408, 409, 425, 429, 5xx).
  return new LLMProviderError(message, { ...options, retryAfterMs });
}

/** Anything else a request can throw (fetch, a body read, JSON) → a core error. */
export function mapAcmeError(error: unknown): LLMError {
  // Core tells the caller whether it was a timeout, their signal or a stream consumer leaving.
  if (isAbortError(error)) return new LLMAbortError(undefined, { provider: PROVIDER });
  if (error instanceof SyntaxError) {
    return new LLMInvalidResponseError(`Acme sent an unreadable answer: ${error.message}`, {
      provider: PROVIDER,
      cause: error,
    });
  }
  // fetch: "fetch failed" (refused, DNS) or "terminated" (the socket closed mid-body).
  if (error instanceof TypeError) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    return new LLMConnectionError(
      `Could not reach Acme: ${error.message}${cause ? ` (${cause})` : ""}`,
      { provider: PROVIDER, cause: error },
    );
  }
  return new LLMProviderError(`The Acme call failed: ${String(error)}`, {
    provider: PROVIDER,
    cause: error,
  });
}
