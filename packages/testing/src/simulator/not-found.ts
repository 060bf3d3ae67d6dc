import type { IncomingHttpHeaders } from "node:http";
import type { ErrorResponse } from "./protocol.js";

/**
 * 404 for a path no provider serves, in the error shape its client most likely expects:
 * OpenRouter under `/api/`, Gemini for `models/` paths, Anthropic when an
 * `anthropic-version` header is present, else OpenAI's.
 */
export function notFoundResponse(
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
): ErrorResponse {
  const message = `Unknown request URL: ${method} ${path}. (llmc simulator)`;
  if (path.startsWith("/api/")) return { status: 404, body: { error: { code: 404, message } } };
  if (path.includes("/models/") || path.includes("models/")) {
    return { status: 404, body: { error: { code: 404, message, status: "NOT_FOUND" } } };
  }
  if (headers["anthropic-version"] !== undefined) {
    return {
      status: 404,
      body: {
        type: "error",
        error: { type: "not_found_error", message: "Not Found" },
        request_id: null,
      },
    };
  }
  return {
    status: 404,
    body: { error: { message, type: "invalid_request_error", param: null, code: "unknown_url" } },
  };
}
