import { LLMConfigError } from "../errors/provider-errors.js";
import { registerSecret } from "../errors/redact-secrets.js";

/** Where an adapter's API key may come from, and how to name it in the error when it is missing. */
export interface ApiKeySource {
  /** The `apiKey` option as the user passed it. */
  readonly apiKey: string | undefined;
  /** Environment variables to try, in order, when the option is absent or blank. */
  readonly envVars: readonly string[];
  /** The provider id on the error, e.g. `"openai"`. */
  readonly provider: string;
  /** How the message names the provider and the class, e.g. `"OpenAI"`, `"OpenAIAdapter"`. */
  readonly label: string;
  readonly adapterName: string;
  /** The environment to read (default `process.env`); a plain record, for tests. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The API key to use: the `apiKey` option, else the first non-blank environment variable, trimmed
 * (a key read from a file often ends in a newline, which no HTTP header may carry), and
 * registered as a secret so no error or log ever shows it. A missing key is an
 * {@link LLMConfigError} (`field: "apiKey"`) that says both ways to give one. With `optional`
 * (a local server that takes no key), a missing key is `undefined` instead.
 */
export function resolveApiKey(source: ApiKeySource & { readonly optional?: false }): string;
export function resolveApiKey(
  source: ApiKeySource & { readonly optional: true },
): string | undefined;
export function resolveApiKey(
  source: ApiKeySource & { readonly optional?: boolean },
): string | undefined {
  const env = source.env ?? process.env;
  const key = [source.apiKey, ...source.envVars.map((name) => env[name])]
    .map((value) => value?.trim())
    .find((value) => value !== undefined && value !== "");
  if (key !== undefined) {
    registerSecret(key);
    return key;
  }
  if (source.optional) return undefined;
  const vars = source.envVars;
  const envHint =
    vars.length === 0
      ? ""
      : vars.length === 1
        ? `, or set the ${vars[0]} environment variable`
        : `, or set the ${vars.slice(0, -1).join(", ")} or ${vars.at(-1)} environment variable`;
  throw new LLMConfigError(
    `No ${source.label} API key: pass \`apiKey\` to ${source.adapterName}${envHint}.`,
    { provider: source.provider, field: "apiKey" },
  );
}
