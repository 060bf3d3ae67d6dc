import type { IncomingHttpHeaders } from "node:http";

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  if (typeof value !== "string") return undefined;
  return value.startsWith("Bearer ") ? value.slice(7).trim() : undefined;
}

/** Adds headers to an error response (request ids and the like). */
export function withHeaders<T extends { headers?: Readonly<Record<string, string>> }>(
  response: T,
  headers: Readonly<Record<string, string>>,
): T {
  return { ...response, headers: { ...headers, ...response.headers } };
}
