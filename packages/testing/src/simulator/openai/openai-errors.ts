import type { ErrorResponse, PresetFault, RequestContext } from "../protocol.js";
import { tokensForBytes } from "../token-estimate.js";

/**
 * OpenAI error bodies: `{ error: { message, type, param, code } }`, `code` a string or null.
 * Messages follow developers.openai.com/docs/guides/error-codes.
 */
export interface OpenAIErrorFields {
  readonly message: string;
  readonly type: string;
  readonly param?: string | null;
  readonly code?: string | null;
}

export function openAIError(
  status: number,
  fields: OpenAIErrorFields,
  headers: Readonly<Record<string, string>> = {},
): ErrorResponse {
  return {
    status,
    headers,
    body: {
      error: {
        message: fields.message,
        type: fields.type,
        param: fields.param ?? null,
        code: fields.code ?? null,
      },
    },
  };
}

export const OPENAI_SERVER_ERROR_MESSAGE =
  "The server had an error while processing your request. Sorry about that!";

/** Default body for an arbitrary status. */
export function openAIErrorFieldsForStatus(status: number, message?: string): OpenAIErrorFields {
  switch (status) {
    case 401:
      return {
        message: message ?? "Incorrect API key provided.",
        type: "invalid_request_error",
        code: "invalid_api_key",
      };
    case 403:
      return {
        message: message ?? "Country, region, or territory not supported",
        type: "request_forbidden",
        code: "unsupported_country_region_territory",
      };
    case 404:
      return {
        message: message ?? "The requested resource does not exist.",
        type: "invalid_request_error",
        code: "not_found",
      };
    case 429:
      return {
        message: message ?? "Rate limit reached. Please try again later.",
        type: "requests",
        code: "rate_limit_exceeded",
      };
    case 503:
      return {
        message: message ?? "The engine is currently overloaded, please try again later.",
        type: "server_error",
      };
    default:
      if (status >= 500)
        return { message: message ?? OPENAI_SERVER_ERROR_MESSAGE, type: "server_error" };
      return { message: message ?? "Invalid request.", type: "invalid_request_error" };
  }
}

/** `sk-abc***wxyz`, as OpenAI echoes a rejected key. */
export function maskKey(key: string): string {
  return key.length <= 8 ? "***" : `${key.slice(0, 3)}***${key.slice(-4)}`;
}

export function retryAfterHeaders(seconds?: number, ms?: number): Record<string, string> {
  const headers: Record<string, string> = {};
  if (seconds !== undefined) headers["retry-after"] = String(seconds);
  if (ms !== undefined) headers["retry-after-ms"] = String(ms);
  return headers;
}

export function openAIPresetError(fault: PresetFault, context: RequestContext): ErrorResponse {
  const model = context.request.model;
  switch (fault.fault) {
    case "http-error":
      return fault.body !== undefined
        ? { status: fault.status, headers: fault.headers ?? {}, body: fault.body }
        : openAIError(
            fault.status,
            openAIErrorFieldsForStatus(fault.status, fault.message),
            fault.headers,
          );
    case "rate-limit": {
      const wait =
        fault.retryAfterMs !== undefined
          ? `${fault.retryAfterMs}ms`
          : `${fault.retryAfterSeconds ?? 1}s`;
      return openAIError(
        429,
        {
          message: `Rate limit reached for ${model} in organization org-llmcsim on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${wait}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
          type: "requests",
          param: null,
          code: "rate_limit_exceeded",
        },
        {
          "x-ratelimit-limit-requests": "3",
          "x-ratelimit-remaining-requests": "0",
          "x-ratelimit-reset-requests": wait,
          ...retryAfterHeaders(fault.retryAfterSeconds, fault.retryAfterMs),
        },
      );
    }
    case "auth":
      return openAIError(401, {
        message:
          "Incorrect API key provided: sk-***. You can find your API key at https://platform.openai.com/account/api-keys.",
        type: "invalid_request_error",
        code: "invalid_api_key",
      });
    case "context-length": {
      const limit = fault.maxContextTokens ?? 128_000;
      const used =
        fault.inputTokens ?? limit + Math.max(1, tokensForBytes(context.request.promptBytes));
      return openAIError(400, {
        message: `This model's maximum context length is ${limit} tokens. However, your messages resulted in ${used} tokens. Please reduce the length of the messages.`,
        type: "invalid_request_error",
        param: "messages",
        code: "context_length_exceeded",
      });
    }
    case "model-not-found":
      return openAIError(404, {
        message: `The model \`${fault.model ?? model}\` does not exist or you do not have access to it.`,
        type: "invalid_request_error",
        code: "model_not_found",
      });
    case "overloaded":
      return openAIError(
        503,
        {
          message: "The engine is currently overloaded, please try again later.",
          type: "server_error",
        },
        retryAfterHeaders(fault.retryAfterSeconds),
      );
    case "insufficient-credits":
      return openAIError(429, {
        message:
          "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
        type: "insufficient_quota",
        code: "insufficient_quota",
      });
    case "server-error":
      return openAIError(500, { message: OPENAI_SERVER_ERROR_MESSAGE, type: "server_error" });
  }
}
