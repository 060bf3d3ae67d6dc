import type { Exchange } from "./exchange.js";
import type { ErrorResponse } from "./protocol.js";

const JSON_HEADERS: Readonly<Record<string, string>> = { "content-type": "application/json" };

/** Sends an error (or other complete) response: a string body verbatim, else JSON. */
export function sendErrorResponse(exchange: Exchange, response: ErrorResponse): void {
  const body = typeof response.body === "string" ? response.body : JSON.stringify(response.body);
  const headers = response.headers ?? {};
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === "content-type");
  exchange.send(response.status, hasType ? headers : { ...JSON_HEADERS, ...headers }, body);
}
