import { type AdapterOptions, LLMConfigError } from "@llmc/core";
import { resolveApiKey, resolveBaseURL } from "@llmc/core/adapter";

/** Options of {@link GeminiAdapter}; every core {@link AdapterOptions} field is accepted too. */
export interface GeminiAdapterOptions extends AdapterOptions {
  /** Default: `GEMINI_API_KEY`, then `GOOGLE_API_KEY`. */
  readonly apiKey?: string;
  /** Another endpoint, without the version segment, e.g. `http://127.0.0.1:8080`. */
  readonly baseURL?: string;
  /** @deprecated Use `baseURL`, the name every llm-connect adapter uses; this still works. */
  readonly baseUrl?: string;
  /** The path's version segment (default `"v1beta"`; the SDK's own default moved to v1 in 3.x). */
  readonly apiVersion?: string;
}

/** The adapter's own option names, for core's unknown-option check (core's come on top). */
export const GEMINI_OPTION_NAMES = [
  "apiKey",
  "baseURL",
  "baseUrl",
  "apiVersion",
] as const satisfies readonly (keyof GeminiAdapterOptions)[];

export interface ResolvedGeminiOptions {
  readonly apiKey: string;
  /** Undefined: the SDK's endpoint (which honours `GOOGLE_GEMINI_BASE_URL`). */
  readonly baseURL: string | undefined;
  readonly apiVersion: string;
}

/**
 * Settles every connection setting here, in the open: the key from the option, else
 * `GEMINI_API_KEY`, else `GOOGLE_API_KEY` (the SDK itself prefers `GOOGLE_API_KEY`; the adapter
 * always passes the key it chose, so that order never applies), registered as a secret; the
 * endpoint checked, its credentials registered.
 */
export function resolveGeminiOptions(
  options: GeminiAdapterOptions,
  // A plain record, not NodeJS.ProcessEnv: the published .d.ts must not need @types/node.
  env: Readonly<Record<string, string | undefined>> = process.env,
): ResolvedGeminiOptions {
  const { baseURL, baseUrl } = options;
  if (baseURL !== undefined && baseUrl !== undefined && baseURL !== baseUrl) {
    throw new LLMConfigError(
      "GeminiAdapter got both `baseURL` and `baseUrl` (its deprecated spelling) with different " +
        "values: pass only `baseURL`.",
      { provider: "gemini", field: "baseURL" },
    );
  }
  const apiKey = resolveApiKey({
    apiKey: options.apiKey,
    envVars: ["GEMINI_API_KEY", "GOOGLE_API_KEY"],
    provider: "gemini",
    label: "Gemini",
    adapterName: "GeminiAdapter",
    env,
  });
  return {
    apiKey,
    baseURL: resolveBaseURL({
      baseURL: baseURL ?? baseUrl,
      provider: "gemini",
      adapterName: "GeminiAdapter",
      env,
    }),
    apiVersion: options.apiVersion ?? "v1beta",
  };
}
