import { retryAfterHeaders } from "../openai/openai-errors.js";
import type { ErrorResponse, PresetFault, RequestContext } from "../protocol.js";
import { tokensForBytes } from "../token-estimate.js";

/**
 * Anthropic error bodies: `{ type: "error", error: { type, message }, request_id }`
 * (docs.claude.com/en/api/errors), with `request-id` and `x-should-retry` headers as in
 * `anthropic-error-400.prompt-too-long.http`.
 */
const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  504: "timeout_error",
  529: "overloaded_error",
};

export function anthropicErrorType(status: number): string {
  return ERROR_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
}

/** The API tells its SDKs whether to retry; it says yes for 408, 409, 429 and 5xx. */
function shouldRetry(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

export function anthropicError(
  status: number,
  message: string,
  context: RequestContext,
  headers: Readonly<Record<string, string>> = {},
  type = anthropicErrorType(status),
): ErrorResponse {
  return {
    status,
    headers: {
      "content-type": "application/json",
      "request-id": context.requestId,
      "x-should-retry": String(shouldRetry(status)),
      ...headers,
    },
    body: { type: "error", error: { type, message }, request_id: context.requestId },
  };
}

function defaultMessage(status: number): string {
  switch (status) {
    case 400:
      return "Invalid request.";
    case 401:
      return "invalid x-api-key";
    case 403:
      return "Your API key does not have permission to use the specified resource.";
    case 404:
      return "Not found.";
    case 413:
      return "Request exceeds the maximum allowed number of bytes.";
    case 429:
      return "Number of requests has exceeded your per-minute rate limit.";
    case 529:
      return "Overloaded";
    default:
      return status >= 500 ? "Internal server error" : "Request failed.";
  }
}

export function anthropicPresetError(fault: PresetFault, context: RequestContext): ErrorResponse {
  const model = context.request.model;
  switch (fault.fault) {
    case "http-error": {
      const response = anthropicError(
        fault.status,
        fault.message ?? defaultMessage(fault.status),
        context,
        fault.headers,
      );
      return fault.body !== undefined ? { ...response, body: fault.body } : response;
    }
    case "rate-limit":
      return anthropicError(
        429,
        "This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.",
        context,
        {
          "anthropic-ratelimit-requests-limit": "50",
          "anthropic-ratelimit-requests-remaining": "0",
          ...retryAfterHeaders(fault.retryAfterSeconds, fault.retryAfterMs),
        },
      );
    case "auth":
      return anthropicError(401, "invalid x-api-key", context);
    case "context-length": {
      const limit = fault.maxContextTokens ?? 200_000;
      const used =
        fault.inputTokens ?? limit + Math.max(1, tokensForBytes(context.request.promptBytes));
      return anthropicError(400, `prompt is too long: ${used} tokens > ${limit} maximum`, context);
    }
    case "model-not-found":
      return anthropicError(404, `model: ${fault.model ?? model}`, context);
    case "overloaded":
      return anthropicError(529, "Overloaded", context, retryAfterHeaders(fault.retryAfterSeconds));
    case "insufficient-credits":
      return anthropicError(
        400,
        "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
        context,
      );
    case "server-error":
      return anthropicError(500, "Internal server error", context);
  }
}
