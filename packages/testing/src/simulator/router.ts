import type { ProviderRoute } from "./protocol.js";

/** Where a request goes. `root` is `HEAD /` / `GET /` (the claude CLI's preconnect). */
export type Route =
  | { readonly kind: "provider"; readonly route: ProviderRoute }
  | { readonly kind: "root" }
  | { readonly kind: "not-found" };

const ROOT: Route = { kind: "root" };
const NOT_FOUND: Route = { kind: "not-found" };
const OPENAI: Route = { kind: "provider", route: { provider: "openai" } };
const OPENROUTER: Route = { kind: "provider", route: { provider: "openrouter" } };
const ANTHROPIC: Route = { kind: "provider", route: { provider: "anthropic" } };

/**
 * `/{version}/models/{model}:{action}`. The version segment is optional and free-form:
 * @google/genai 2.x defaults to `v1beta`, 3.x to `v1`, and `apiVersion: ""` drops it.
 */
const GEMINI_PATH = /^\/(?:([^/]+)\/)?models\/([^/:]+):(generateContent|streamGenerateContent)$/;

/** Matches on method and pathname only (the query, e.g. `?beta=true`, never matters). */
export function route(method: string | undefined, path: string): Route {
  if (method === "POST") {
    switch (path) {
      case "/v1/chat/completions":
        return OPENAI;
      case "/api/v1/chat/completions":
        return OPENROUTER;
      case "/v1/messages":
        return ANTHROPIC;
    }
    const gemini = GEMINI_PATH.exec(path);
    if (gemini !== null) {
      return {
        kind: "provider",
        route: {
          provider: "gemini",
          gemini: {
            apiVersion: gemini[1] ?? "",
            model: safeDecode(gemini[2]!),
            action: gemini[3] as "generateContent" | "streamGenerateContent",
          },
        },
      };
    }
    return NOT_FOUND;
  }
  if ((method === "HEAD" || method === "GET") && path === "/") return ROOT;
  return NOT_FOUND;
}

/** Splits `/path?a=1` without allocating a URL object on the hot path. */
export function splitUrl(url: string | undefined): {
  path: string;
  query: Readonly<Record<string, string>>;
} {
  const raw = url ?? "/";
  const mark = raw.indexOf("?");
  if (mark === -1) return { path: raw, query: EMPTY_QUERY };
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(raw.slice(mark + 1))) query[name] = value;
  return { path: raw.slice(0, mark), query };
}

const EMPTY_QUERY: Readonly<Record<string, string>> = Object.freeze({});

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
