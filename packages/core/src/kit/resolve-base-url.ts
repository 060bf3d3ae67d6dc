import { LLMConfigError } from "../errors/provider-errors.js";
import { registerUrlCredentials } from "../errors/redact-secrets.js";

export interface BaseURLSource {
  /** The `baseURL` option as the user passed it. */
  readonly baseURL: string | undefined;
  /** Environment variables to try, in order, when the option is absent or blank. */
  readonly envVars?: readonly string[];
  /** The endpoint when neither is set; without one, the result may be `undefined`. */
  readonly defaultURL?: string;
  readonly provider: string;
  readonly adapterName: string;
  /** The option's name in the error (default `"baseURL"`). */
  readonly field?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The endpoint to use: the `baseURL` option, else the first non-blank environment variable, else
 * `defaultURL`. It must be an absolute http(s) URL (else an {@link LLMConfigError} naming the
 * option); trailing slashes are dropped, so `…/v1/` and `…/v1` build the same request paths; a
 * `user:password@` in it is registered as a secret before anything can print it (Node's fetch
 * quotes a URL with credentials whole in its error).
 */
export function resolveBaseURL(source: BaseURLSource & { readonly defaultURL: string }): string;
export function resolveBaseURL(source: BaseURLSource): string | undefined;
export function resolveBaseURL(source: BaseURLSource): string | undefined {
  const env = source.env ?? process.env;
  const field = source.field ?? "baseURL";
  const given = [source.baseURL, ...(source.envVars ?? []).map((name) => env[name])]
    .map((value) => value?.trim())
    .find((value) => value !== undefined && value !== "");
  const chosen = given ?? source.defaultURL;
  if (chosen === undefined) return undefined;
  registerUrlCredentials(chosen);
  let parsed: URL | undefined;
  try {
    parsed = new URL(chosen);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    // Not quoted when it may hold credentials a URL parser could not find (no scheme).
    const shown = chosen.includes("@") ? "a value that is not one" : JSON.stringify(chosen);
    throw new LLMConfigError(
      `Invalid ${source.adapterName} option \`${field}\`: must be an absolute http(s) URL such ` +
        `as "https://api.example.com/v1"; got ${shown}.`,
      { provider: source.provider, field },
    );
  }
  return chosen.replace(/\/+$/, "");
}
