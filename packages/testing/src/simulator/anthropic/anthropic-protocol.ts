import { bearerToken } from "../bearer-token.js";
import { paddedSequence } from "../ids.js";
import type { ProviderProtocol, RequestContext } from "../protocol.js";
import { sseEvent } from "../sse.js";
import { anthropicError, anthropicPresetError } from "./anthropic-errors.js";
import { parseAnthropicRequest } from "./anthropic-request.js";
import { anthropicMessage } from "./anthropic-response.js";
import { anthropicStream } from "./anthropic-stream.js";

function requestHeaders(context: RequestContext): Record<string, string> {
  return { "request-id": context.requestId };
}

/** Anthropic Messages API (`POST /v1/messages`, also `?beta=true` from the claude CLI). */
export const anthropicProtocol: ProviderProtocol = {
  provider: "anthropic",
  stopReason: "end_turn",
  lengthReason: "max_tokens",
  toolCallsReason: "tool_use",
  nonStreamingMidstreamFault: "overloaded",

  requestId: (sequence) => `req_sim${paddedSequence(sequence, 20)}`,

  parse: parseAnthropicRequest,

  invalidRequest: (reason, context) => anthropicError(400, reason.message, context),

  // SDK 0.x and the claude CLI send `x-api-key`; SDK 1.x sends `Authorization: Bearer`.
  authenticate(headers, _query, apiKeys, context) {
    const header = headers["x-api-key"];
    const apiKey = typeof header === "string" ? header : undefined;
    const bearer = bearerToken(headers);
    if (
      (apiKey !== undefined && apiKeys.has(apiKey)) ||
      (bearer !== undefined && apiKeys.has(bearer))
    ) {
      return undefined;
    }
    if (apiKey === undefined && bearer === undefined) {
      return anthropicError(401, "x-api-key header is required", context);
    }
    return anthropicError(
      401,
      apiKey !== undefined ? "invalid x-api-key" : "Invalid bearer token",
      context,
    );
  },

  invalidJson: (context) =>
    anthropicError(400, "There was an error parsing the body of your request as JSON.", context),

  errorResponse: anthropicPresetError,

  successHeaders: (context) => ({ "content-type": "application/json", ...requestHeaders(context) }),

  replyBody: anthropicMessage,

  streamScript: (reply, context) => anthropicStream(reply, context, requestHeaders(context)),

  midstreamError: (fault, _sent, context) => [
    sseEvent("error", {
      type: "error",
      error: { type: "overloaded_error", message: fault.message ?? "Overloaded" },
      request_id: context.requestId,
    }),
  ],

  malformedEvent: () =>
    'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":\n\n',
};
