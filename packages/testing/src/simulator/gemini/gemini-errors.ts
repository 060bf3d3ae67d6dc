import type { ErrorResponse, PresetFault, RequestContext } from "../protocol.js";
import { tokensForBytes } from "../token-estimate.js";

/**
 * Gemini error bodies: `{ error: { code, message, status: <google.rpc canonical code>,
 * details? } }` (ai.google.dev/gemini-api/docs/troubleshooting). Back-off advice travels in
 * the body (`google.rpc.RetryInfo`), not in a header.
 */
const CANONICAL_STATUS: Readonly<Record<number, string>> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  499: "CANCELLED",
  500: "INTERNAL",
  501: "NOT_IMPLEMENTED",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export function geminiCanonicalStatus(status: number): string {
  return CANONICAL_STATUS[status] ?? (status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION");
}

const JSON_UTF8 = { "content-type": "application/json; charset=UTF-8" };

export function geminiError(
  status: number,
  message: string,
  details?: readonly unknown[],
  headers: Readonly<Record<string, string>> = {},
): ErrorResponse {
  const error: Record<string, unknown> = {
    code: status,
    message,
    status: geminiCanonicalStatus(status),
  };
  if (details !== undefined) error.details = details;
  return { status, headers: { ...JSON_UTF8, ...headers }, body: { error } };
}

const EVENT_STREAM = "text/event-stream";

/**
 * Google answers an error on `:streamGenerateContent?alt=sse` with the same status and JSON body
 * as on `:generateContent`, but labelled `content-type: text/event-stream` (so `@google/genai`
 * reads it as text and wraps that text as the message of its error). A `content-type` the
 * script set itself (an `http-error` step's `headers`) is kept.
 */
export function geminiErrorForEndpoint(
  response: ErrorResponse,
  context: RequestContext,
  scriptedHeaders?: Readonly<Record<string, string>>,
): ErrorResponse {
  const streaming = context.request.stream && context.query.alt === "sse";
  const scriptedType = Object.keys(scriptedHeaders ?? {}).some(
    (name) => name.toLowerCase() === "content-type",
  );
  if (!streaming || scriptedType) return response;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (name.toLowerCase() !== "content-type") headers[name] = value;
  }
  return { ...response, headers: { ...headers, "content-type": EVENT_STREAM } };
}

export const GEMINI_INTERNAL_MESSAGE =
  "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";

const QUOTA_MESSAGE =
  "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.";

/** Gemini reports a bad key as 400 INVALID_ARGUMENT with reason API_KEY_INVALID, not 401. */
export function geminiInvalidKey(): ErrorResponse {
  const message = "API key not valid. Please pass a valid API key.";
  return geminiError(400, message, [
    {
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "API_KEY_INVALID",
      domain: "googleapis.com",
      metadata: { service: "generativelanguage.googleapis.com" },
    },
    { "@type": "type.googleapis.com/google.rpc.LocalizedMessage", locale: "en-US", message },
  ]);
}

/** No key at all: 403 PERMISSION_DENIED. */
export function geminiMissingKey(): ErrorResponse {
  return geminiError(
    403,
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "SERVICE_DISABLED",
        domain: "googleapis.com",
        metadata: { service: "generativelanguage.googleapis.com" },
      },
    ],
  );
}

/** `34.4s` style durations, as google.rpc.RetryInfo carries them. */
export function retryDelay(seconds: number): string {
  return `${Number(seconds.toFixed(3))}s`;
}

function quotaFailure(quotaId: string) {
  return {
    "@type": "type.googleapis.com/google.rpc.QuotaFailure",
    violations: [
      { quotaMetric: "generativelanguage.googleapis.com/generate_content_requests", quotaId },
    ],
  };
}

function defaultMessage(status: number): string {
  switch (status) {
    case 400:
      return "Request contains an invalid argument.";
    case 403:
      return "The caller does not have permission";
    case 404:
      return "Requested entity was not found.";
    case 429:
      return QUOTA_MESSAGE;
    case 503:
      return "The model is overloaded. Please try again later.";
    case 504:
      return "Deadline expired before operation could complete.";
    default:
      return status >= 500 ? GEMINI_INTERNAL_MESSAGE : "Request failed.";
  }
}

export function geminiPresetError(fault: PresetFault, context: RequestContext): ErrorResponse {
  const model = context.request.model;
  switch (fault.fault) {
    case "http-error":
      return fault.body !== undefined
        ? { status: fault.status, headers: { ...JSON_UTF8, ...fault.headers }, body: fault.body }
        : geminiError(
            fault.status,
            fault.message ?? defaultMessage(fault.status),
            undefined,
            fault.headers,
          );
    case "rate-limit": {
      const seconds =
        fault.retryAfterMs !== undefined ? fault.retryAfterMs / 1000 : fault.retryAfterSeconds;
      const details: unknown[] = [
        quotaFailure("GenerateRequestsPerMinutePerProjectPerModel-FreeTier"),
      ];
      if (seconds !== undefined) {
        details.push({
          "@type": "type.googleapis.com/google.rpc.RetryInfo",
          retryDelay: retryDelay(seconds),
        });
      }
      return geminiError(429, QUOTA_MESSAGE, details);
    }
    case "auth":
      return geminiInvalidKey();
    case "context-length": {
      const limit = fault.maxContextTokens ?? 1_048_576;
      const used =
        fault.inputTokens ?? limit + Math.max(1, tokensForBytes(context.request.promptBytes));
      return geminiError(
        400,
        `The input token count (${used}) exceeds the maximum number of tokens allowed (${limit}).`,
      );
    }
    case "model-not-found": {
      const version = context.route.gemini?.apiVersion || "v1beta";
      return geminiError(
        404,
        `models/${fault.model ?? model} is not found for API version ${version}, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
      );
    }
    case "overloaded":
      return geminiError(503, "The model is overloaded. Please try again later.");
    case "insufficient-credits":
      return geminiError(429, QUOTA_MESSAGE, [
        quotaFailure("GenerateRequestsPerDayPerProjectPerModel"),
      ]);
    case "server-error":
      return geminiError(500, GEMINI_INTERNAL_MESSAGE);
  }
}
