import type { ClientOptions } from "openai";

/**
 * The SDK's own per-request timeout, set far out of the way: core's deadline (`timeoutMs`)
 * cancels the request through its signal, and core alone retries (`maxRetries: 0`).
 */
const SDK_TIMEOUT_MS = 24 * 60 * 60 * 1000;

const ignore = (): void => {};
/** Drops every SDK log line (belt and braces with `logLevel: "off"`). */
const SILENT_LOGGER = { error: ignore, warn: ignore, info: ignore, debug: ignore };

/**
 * How every Chat Completions adapter sets up the `openai` SDK: the connection it was given
 * and nothing from the environment (explicit nulls keep `OPENAI_ORG_ID` / `OPENAI_PROJECT_ID`
 * off other providers' requests; OpenAI's own organization and project travel as headers), no
 * SDK retries, no SDK deadline, and no logging: this library prints nothing. What the SDK
 * would log also reaches the adapter as an error it maps.
 */
export function openAIClientOptions(
  apiKey: string,
  baseURL: string,
  defaultHeaders: Readonly<Record<string, string>> | undefined,
): ClientOptions {
  return {
    apiKey,
    baseURL,
    organization: null,
    project: null,
    defaultHeaders,
    maxRetries: 0,
    timeout: SDK_TIMEOUT_MS,
    logLevel: "off",
    logger: SILENT_LOGGER,
  };
}
