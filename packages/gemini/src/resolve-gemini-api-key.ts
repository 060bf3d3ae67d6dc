import { LLMConfigError } from "@llmc/core";

/**
 * The key to use: the explicit option, else `GEMINI_API_KEY`, else `GOOGLE_API_KEY`. (The SDK
 * itself prefers `GOOGLE_API_KEY`; the adapter always passes the key it chose, so that order
 * never applies.)
 */
export function resolveGeminiApiKey(
  explicit: string | undefined,
  // A plain record, not NodeJS.ProcessEnv: the published .d.ts must not need @types/node.
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const key = [explicit, env.GEMINI_API_KEY, env.GOOGLE_API_KEY]
    .map((value) => value?.trim())
    .find((value) => value !== undefined && value !== "");
  if (key === undefined) {
    throw new LLMConfigError(
      "No Gemini API key: pass `apiKey` to GeminiAdapter, or set the GEMINI_API_KEY or " +
        "GOOGLE_API_KEY environment variable.",
      { provider: "gemini", field: "apiKey" },
    );
  }
  return key;
}
