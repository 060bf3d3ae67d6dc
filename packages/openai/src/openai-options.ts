import type { AdapterOptions } from "@llmc/core";

/** The URL the official SDK talks to when nothing else is configured. */
export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** Options of {@link OpenAIAdapter}; every core {@link AdapterOptions} field is accepted too. */
export interface OpenAIAdapterOptions extends AdapterOptions {
  /** Default: the `OPENAI_API_KEY` environment variable. */
  readonly apiKey?: string;
  /**
   * Default: the `OPENAI_BASE_URL` environment variable, else `https://api.openai.com/v1`.
   * An explicit value always wins over the environment.
   */
  readonly baseURL?: string;
  /** `OpenAI-Organization` header. Default: `OPENAI_ORG_ID`. */
  readonly organization?: string;
  /** `OpenAI-Project` header. Default: `OPENAI_PROJECT_ID`. */
  readonly project?: string;
  /** Extra headers sent with every request. */
  readonly defaultHeaders?: Readonly<Record<string, string>>;
  /**
   * The body field that carries the output cap. OpenAI's current models all take
   * `max_completion_tokens` (o-series and gpt-5 reject the legacy `max_tokens`), so that is the
   * default; choose `max_tokens` for an OpenAI-compatible server that only knows the old name.
   */
  readonly maxTokensParameter?: "max_completion_tokens" | "max_tokens";
  /**
   * Ask for the final usage chunk on streams (`stream_options.include_usage`). Default `true`;
   * turn it off only for a compatible server that rejects `stream_options`. Without usage a
   * budgeted stream is charged its whole reservation.
   */
  readonly streamUsage?: boolean;
}
