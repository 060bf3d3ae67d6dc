import { paddedSequence } from "../ids.js";
import type { ProviderProtocol } from "../protocol.js";
import { tokensForBytes } from "../token-estimate.js";
import {
  GEMINI_INTERNAL_MESSAGE,
  geminiCanonicalStatus,
  geminiError,
  geminiErrorForEndpoint,
  geminiInvalidKey,
  geminiMissingKey,
  geminiPresetError,
} from "./gemini-errors.js";
import { parseGeminiRequest } from "./gemini-request.js";
import { geminiBlockedPrompt, geminiResponse } from "./gemini-response.js";
import { geminiFrames, geminiStream } from "./gemini-stream.js";

const JSON_UTF8 = { "content-type": "application/json; charset=UTF-8" };

/** Gemini `generateContent` / `streamGenerateContent` (any API version segment). */
export const geminiProtocol: ProviderProtocol = {
  provider: "gemini",
  stopReason: "STOP",
  lengthReason: "MAX_TOKENS",
  nonStreamingMidstreamFault: "server-error",

  requestId: (sequence) => `sim${paddedSequence(sequence)}`,

  parse: parseGeminiRequest,

  // Every error below is labelled the way Google labels it on the endpoint asked for: JSON on
  // `:generateContent`, `text/event-stream` on `:streamGenerateContent?alt=sse`.
  invalidRequest: (reason, context) =>
    geminiErrorForEndpoint(geminiError(400, reason.message), context),

  // The SDK sends `x-goog-api-key`; REST users often pass `?key=`.
  authenticate(headers, query, apiKeys, context) {
    const header = headers["x-goog-api-key"];
    const key = typeof header === "string" ? header : query.key;
    if (key !== undefined && apiKeys.has(key)) return undefined;
    const rejection = key === undefined || key === "" ? geminiMissingKey() : geminiInvalidKey();
    return geminiErrorForEndpoint(rejection, context);
  },

  invalidJson: (context) =>
    geminiErrorForEndpoint(
      geminiError(400, "Invalid JSON payload received. Unexpected token.\n"),
      context,
    ),

  errorResponse: (fault, context) =>
    geminiErrorForEndpoint(
      geminiPresetError(fault, context),
      context,
      fault.fault === "http-error" ? fault.headers : undefined,
    ),

  successHeaders: () => JSON_UTF8,

  replyBody: (reply, context) => JSON.stringify(geminiResponse(reply, context)),

  streamScript: geminiStream,

  // The SDK turns a `data:` payload with an `error` object into ApiError(status = code).
  midstreamError: (fault, _sent, context) => {
    const code = fault.code ?? 500;
    const error = {
      code,
      message: fault.message ?? GEMINI_INTERNAL_MESSAGE,
      status: geminiCanonicalStatus(code),
    };
    const payload = JSON.stringify({ error });
    return [context.query.alt === "sse" ? `data: ${payload}\r\n\r\n` : `,\r\n${payload}]`];
  },

  malformedEvent: () => 'data: {"candidates": [{"content": {"parts": [{"text": \r\n\r\n',

  blockedPrompt(fault, context) {
    const payload = geminiBlockedPrompt(
      fault,
      context,
      tokensForBytes(context.request.promptBytes),
    );
    return context.request.stream ? geminiFrames([payload], context) : JSON.stringify(payload);
  },
};
