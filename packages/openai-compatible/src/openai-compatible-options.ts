import { LLMConfigError } from "@llmc/core";
import {
  type AdapterOptions,
  type PriceTable,
  resolveApiKey,
  resolveBaseURL,
} from "@llmc/core/adapter";
import type { ChatCompletionsDialect, MaxTokensParameter } from "./chat-completions-dialect.js";

/**
 * Options of {@link OpenAICompatibleAdapter}; every core {@link AdapterOptions} field is
 * accepted too. Each one, when given, wins over the dialect's default.
 */
export interface OpenAICompatibleAdapterOptions extends AdapterOptions {
  /** The provider's name in results and errors. Default: the dialect's; one of the two is required. */
  readonly provider?: string;
  /** The vendor's differences from the common wire (a preset, or your own). */
  readonly dialect?: ChatCompletionsDialect;
  /** The endpoint, e.g. `https://api.deepseek.com`. Default: `dialect.baseURLEnv`, else `dialect.baseURL`. */
  readonly baseURL?: string;
  /** Default: the environment variable named by `apiKeyEnv`. */
  readonly apiKey?: string;
  /** The environment variable the key is read from when `apiKey` is not passed. */
  readonly apiKeyEnv?: string;
  /** The dated price table for budgeted calls (`prices` entries win over it). */
  readonly priceTable?: PriceTable;
  /** The body field that carries `maxOutputTokens`. Default `"max_tokens"`. */
  readonly maxTokensParameter?: MaxTokensParameter;
  /**
   * Ask for the final usage chunk on streams (`stream_options.include_usage`). Default `true`;
   * turn it off only for a server that rejects `stream_options`. Without usage a budgeted
   * stream is charged its whole reservation.
   */
  readonly streamUsage?: boolean;
  /** Extra headers sent with every request (they win over the dialect's). */
  readonly defaultHeaders?: Readonly<Record<string, string>>;
}

/** The option names the adapter itself reads, besides core's. */
export const OPENAI_COMPATIBLE_OPTION_KEYS = [
  "provider",
  "dialect",
  "baseURL",
  "apiKey",
  "apiKeyEnv",
  "priceTable",
  "maxTokensParameter",
  "streamUsage",
  "defaultHeaders",
] as const;

/** Where a call goes and with which key, settled once by the constructor. */
export interface ChatCompletionsConnection {
  readonly apiKey: string;
  /** `false` when the server takes no key and none was given (a placeholder is sent). */
  readonly keyIsSecret: boolean;
  readonly baseURL: string;
}

/** The key sent to servers that take none: the SDK insists on one (Ollama's docs send "ollama"). */
const NO_KEY = "no-key";

/**
 * Settles the connection here, in the open, instead of letting the SDK read the environment
 * behind the adapter's back (core's `resolveApiKey` / `resolveBaseURL`: trimmed, registered as
 * secrets, the URL checked): an explicit option first, then the dialect's environment variable,
 * then the dialect's default. Never reads `OPENAI_*` unless the dialect names it.
 */
export function resolveChatCompletionsConnection(
  options: Pick<OpenAICompatibleAdapterOptions, "apiKey" | "apiKeyEnv" | "baseURL">,
  dialect: ChatCompletionsDialect<never>,
  adapterName: string,
  // A plain record, not NodeJS.ProcessEnv: the published .d.ts must not need @types/node.
  env: Readonly<Record<string, string | undefined>> = process.env,
): ChatCompletionsConnection {
  const label = dialect.label ?? dialect.provider;
  const apiKeyEnv = options.apiKeyEnv ?? dialect.apiKeyEnv;
  const keySource = {
    apiKey: options.apiKey,
    envVars: apiKeyEnv ? [apiKeyEnv] : [],
    provider: dialect.provider,
    label,
    adapterName,
    env,
  };
  const apiKey =
    dialect.apiKeyRequired === false
      ? resolveApiKey({ ...keySource, optional: true })
      : resolveApiKey(keySource);
  const baseURL = resolveBaseURL({
    baseURL: options.baseURL,
    envVars: dialect.baseURLEnv ? [dialect.baseURLEnv] : [],
    ...(dialect.baseURL ? { defaultURL: dialect.baseURL } : {}),
    provider: dialect.provider,
    adapterName,
    env,
  });
  if (!baseURL) {
    throw new LLMConfigError(
      `No ${label} endpoint: pass \`baseURL\` to ${adapterName}, e.g. "http://localhost:8000/v1".`,
      { provider: dialect.provider, field: "baseURL" },
    );
  }
  return { apiKey: apiKey ?? NO_KEY, keyIsSecret: apiKey !== undefined, baseURL };
}

/** The value, unless it is missing or blank. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== "" ? value : undefined;
}
