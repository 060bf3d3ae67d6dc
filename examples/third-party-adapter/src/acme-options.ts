import type { AdapterOptions } from "@llmc/core/adapter";

/** Options of {@link AcmeAdapter}; every core {@link AdapterOptions} field is accepted too. */
export interface AcmeAdapterOptions extends AdapterOptions {
  /** Default: the `ACME_API_KEY` environment variable. */
  readonly apiKey?: string;
  /** Default: `ACME_BASE_URL`, else `https://api.acme.example/v1`. */
  readonly baseURL?: string;
}

export const ACME_DEFAULT_BASE_URL = "https://api.acme.example/v1";
