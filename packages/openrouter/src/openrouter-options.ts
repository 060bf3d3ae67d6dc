import { type AdapterOptions, LLMConfigError } from "@llmc/core";

export const OPENROUTER_DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";

/** Options of {@link OpenRouterAdapter}; every core {@link AdapterOptions} field is accepted too. */
export interface OpenRouterAdapterOptions extends AdapterOptions {
  /** Default: the `OPENROUTER_API_KEY` environment variable. */
  readonly apiKey?: string;
  /**
   * Default: the `OPENROUTER_BASE_URL` environment variable, else `https://openrouter.ai/api/v1`.
   * An explicit value always wins. `OPENAI_BASE_URL` is never read: it points at an OpenAI
   * endpoint, and OpenRouter requests must not follow it there.
   */
  readonly baseURL?: string;
  /** Your app's URL, sent as `HTTP-Referer` for OpenRouter's app attribution. */
  readonly appUrl?: string;
  /** Your app's name, sent as `X-Title` for OpenRouter's app attribution. */
  readonly appName?: string;
  /** Extra headers sent with every request (they win over `appUrl`/`appName`). */
  readonly defaultHeaders?: Readonly<Record<string, string>>;
}

export interface ResolvedOpenRouterOptions {
  readonly apiKey: string;
  readonly baseURL: string;
  readonly headers: Readonly<Record<string, string>>;
}

export function resolveOpenRouterOptions(
  options: OpenRouterAdapterOptions,
  // A plain record, not NodeJS.ProcessEnv: the published .d.ts must not need @types/node.
  env: Readonly<Record<string, string | undefined>> = process.env,
): ResolvedOpenRouterOptions {
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env.OPENROUTER_API_KEY);
  if (!apiKey) {
    throw new LLMConfigError(
      "No OpenRouter API key: pass `apiKey` to OpenRouterAdapter or set the OPENROUTER_API_KEY " +
        "environment variable.",
      { provider: "openrouter", field: "apiKey" },
    );
  }
  return {
    apiKey,
    baseURL:
      nonEmpty(options.baseURL) ?? nonEmpty(env.OPENROUTER_BASE_URL) ?? OPENROUTER_DEFAULT_BASE_URL,
    headers: {
      ...(options.appUrl ? { "HTTP-Referer": options.appUrl } : {}),
      ...(options.appName ? { "X-Title": options.appName } : {}),
      ...options.defaultHeaders,
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== "" ? value : undefined;
}
