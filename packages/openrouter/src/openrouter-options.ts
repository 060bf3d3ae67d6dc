import type { AdapterOptions } from "@llmc/core";

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
