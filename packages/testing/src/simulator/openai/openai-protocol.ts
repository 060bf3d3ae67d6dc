import { bearerToken, withHeaders } from "../bearer-token.js";
import { paddedSequence } from "../ids.js";
import type { ProviderProtocol, RequestContext } from "../protocol.js";
import {
  maskKey,
  OPENAI_SERVER_ERROR_MESSAGE,
  openAIError,
  openAIPresetError,
} from "./openai-errors.js";
import { parseChatCompletionsRequest } from "./openai-request.js";
import { openAIChatCompletion } from "./openai-response.js";
import { openAIStream } from "./openai-stream.js";

function requestHeaders(context: RequestContext): Record<string, string> {
  return { "x-request-id": context.requestId, "openai-processing-ms": "1" };
}

const JSON_TYPE = { "content-type": "application/json" };

/** OpenAI Chat Completions (`POST /v1/chat/completions`). */
export const openAIProtocol: ProviderProtocol = {
  provider: "openai",
  stopReason: "stop",
  lengthReason: "length",
  toolCallsReason: "tool_calls",
  nonStreamingMidstreamFault: "server-error",

  requestId: (sequence) => `req_sim${paddedSequence(sequence, 24)}`,

  parse: parseChatCompletionsRequest,

  invalidRequest: (reason, context) =>
    withHeaders(
      openAIError(400, {
        message: reason.message,
        type: "invalid_request_error",
        param: reason.param ?? null,
        code: reason.code ?? null,
      }),
      requestHeaders(context),
    ),

  authenticate(headers, _query, apiKeys, context) {
    const key = bearerToken(headers);
    if (key !== undefined && apiKeys.has(key)) return undefined;
    const response =
      key === undefined || key === ""
        ? openAIError(401, {
            message:
              "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
            type: "invalid_request_error",
          })
        : openAIError(401, {
            message: `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
            type: "invalid_request_error",
            code: "invalid_api_key",
          });
    return withHeaders(response, requestHeaders(context));
  },

  invalidJson: (context) =>
    withHeaders(
      openAIError(400, {
        message:
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
        type: "invalid_request_error",
      }),
      requestHeaders(context),
    ),

  errorResponse: (fault, context) =>
    withHeaders(openAIPresetError(fault, context), requestHeaders(context)),

  successHeaders: (context) => ({ ...JSON_TYPE, ...requestHeaders(context) }),

  replyBody: openAIChatCompletion,

  streamScript: (reply, context) => openAIStream(reply, context, requestHeaders(context)),

  // Recorded (openai-chat.stream.midstream-error.raw.sse): an `error` payload, no [DONE].
  midstreamError: (fault) => [
    `data: ${JSON.stringify({
      error: {
        message: fault.message ?? OPENAI_SERVER_ERROR_MESSAGE,
        type: "server_error",
        param: null,
        code: null,
      },
    })}\n\n`,
  ],

  malformedEvent: () =>
    'data: {"id":"chatcmpl-sim","object":"chat.completion.chunk","choices":[{\n\n',
};
