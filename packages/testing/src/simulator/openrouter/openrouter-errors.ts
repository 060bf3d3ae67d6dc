import { retryAfterHeaders } from "../openai/openai-errors.js";
import type { ErrorResponse, PresetFault, RequestContext } from "../protocol.js";
import { tokensForBytes } from "../token-estimate.js";

/**
 * OpenRouter error bodies: `{ error: { code: <HTTP status as a number>, message, metadata? } }`
 * (openrouter.ai/docs/api/reference/errors-and-debugging). Through the openai SDK `err.code`
 * is therefore a number, unlike OpenAI's strings.
 */
export function openRouterError(
  status: number,
  message: string,
  metadata?: Record<string, unknown>,
  headers: Readonly<Record<string, string>> = {},
): ErrorResponse {
  const error: Record<string, unknown> = { code: status, message };
  if (metadata !== undefined) error.metadata = metadata;
  return { status, headers, body: { error } };
}

function defaultMessage(status: number): string {
  switch (status) {
    case 400:
      return "Invalid request.";
    case 401:
      return "User not found.";
    case 402:
      return "Insufficient credits. Add more using https://openrouter.ai/settings/credits";
    case 403:
      return "Your input was flagged by moderation.";
    case 404:
      return "Not Found";
    case 408:
      return "Request timed out.";
    case 429:
      return "Provider returned error";
    case 502:
      return "Provider returned error";
    case 503:
      return "No allowed providers are available for the selected model.";
    default:
      return status >= 500 ? "Internal Server Error" : "Request failed.";
  }
}

export function openRouterPresetError(fault: PresetFault, context: RequestContext): ErrorResponse {
  const model = context.request.model;
  switch (fault.fault) {
    case "http-error":
      return fault.body !== undefined
        ? { status: fault.status, headers: fault.headers ?? {}, body: fault.body }
        : openRouterError(
            fault.status,
            fault.message ?? defaultMessage(fault.status),
            undefined,
            fault.headers,
          );
    case "rate-limit":
      // Recorded shape (openrouter-error-429.provider-rate-limited.json). The docs say a
      // standard Retry-After header *may* come with it.
      return openRouterError(
        429,
        "Provider returned error",
        {
          provider_name: "Simulator",
          raw: `${model} is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations`,
        },
        retryAfterHeaders(fault.retryAfterSeconds, fault.retryAfterMs),
      );
    case "auth":
      return openRouterError(401, "User not found.");
    case "context-length": {
      const limit = fault.maxContextTokens ?? 128_000;
      const used =
        fault.inputTokens ?? limit + Math.max(1, tokensForBytes(context.request.promptBytes));
      return openRouterError(
        400,
        `This endpoint's maximum context length is ${limit} tokens. However, you requested about ${used} tokens (${used} of text input). Please reduce the length of either one, or use the "middle-out" transform to compress your prompt automatically.`,
      );
    }
    case "model-not-found":
      return openRouterError(404, `No endpoints found for ${fault.model ?? model}.`);
    case "overloaded":
      return openRouterError(
        503,
        "Provider returned error",
        { provider_name: "Simulator", raw: "The model is overloaded. Please try again later." },
        retryAfterHeaders(fault.retryAfterSeconds),
      );
    case "insufficient-credits":
      return openRouterError(402, defaultMessage(402));
    case "server-error":
      return openRouterError(500, "Internal Server Error");
  }
}
