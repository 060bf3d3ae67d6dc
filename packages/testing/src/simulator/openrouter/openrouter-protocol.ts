import { bearerToken, withHeaders } from "../bearer-token.js";
import { paddedSequence } from "../ids.js";
import { parseChatCompletionsRequest } from "../openai/openai-request.js";
import type { ProviderProtocol, RequestContext } from "../protocol.js";
import { openRouterError, openRouterPresetError } from "./openrouter-errors.js";
import { openRouterChatCompletion, openRouterGenerationId } from "./openrouter-response.js";
import { openRouterMidstreamError, openRouterStream } from "./openrouter-stream.js";

function requestHeaders(context: RequestContext): Record<string, string> {
  return { "x-generation-id": openRouterGenerationId(context) };
}

/** OpenRouter (`POST /api/v1/chat/completions`): OpenAI-compatible with its own extras. */
export const openRouterProtocol: ProviderProtocol = {
  provider: "openrouter",
  stopReason: "stop",
  lengthReason: "length",
  toolCallsReason: "tool_calls",
  nonStreamingMidstreamFault: "server-error",

  requestId: (sequence) => `gen-sim${paddedSequence(sequence)}`,

  parse: parseChatCompletionsRequest,

  // An upstream refusal (a strict-mode schema OpenAI rejects) arrives wrapped, as recorded in
  // user reports: "Provider returned error" with the provider's own body in metadata.raw.
  invalidRequest: (reason, context) =>
    withHeaders(
      reason.upstream === true
        ? openRouterError(400, "Provider returned error", {
            raw: JSON.stringify(
              {
                error: {
                  message: reason.message,
                  type: "invalid_request_error",
                  param: reason.param ?? null,
                  code: reason.code ?? null,
                },
              },
              null,
              2,
            ),
            provider_name: "OpenAI",
          })
        : openRouterError(400, reason.message),
      requestHeaders(context),
    ),

  authenticate(headers, _query, apiKeys, context) {
    const key = bearerToken(headers);
    if (key !== undefined && apiKeys.has(key)) return undefined;
    const message =
      key === undefined || key === "" ? "No auth credentials found" : "User not found.";
    return withHeaders(openRouterError(401, message), requestHeaders(context));
  },

  invalidJson: (context) =>
    withHeaders(openRouterError(400, "Invalid JSON in request body"), requestHeaders(context)),

  errorResponse: (fault, context) =>
    withHeaders(openRouterPresetError(fault, context), requestHeaders(context)),

  successHeaders: (context) => ({ "content-type": "application/json", ...requestHeaders(context) }),

  replyBody: openRouterChatCompletion,

  streamScript: (reply, context) => openRouterStream(reply, context, requestHeaders(context)),

  midstreamError: openRouterMidstreamError,

  malformedEvent: () => 'data: {"id":"gen-sim","object":"chat.completion.chunk","choices":[{\n\n',
};
