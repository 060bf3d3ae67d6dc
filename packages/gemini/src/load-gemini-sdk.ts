import type * as GenAI from "@google/genai";
import { LLMConfigError } from "@llmc/core";

export type GeminiSdkModule = typeof GenAI;

let loading: Promise<GeminiSdkModule> | undefined;

/**
 * `@google/genai`, imported on the adapter's first call instead of with `@llmc/gemini`: it is
 * most of what importing the adapter used to cost (~210 ms on Node 22), which an application
 * should not pay at start-up. Loaded once per process and shared by every adapter. A missing or
 * broken SDK becomes an {@link LLMConfigError} on that first call. (Error mapping needs no SDK:
 * it recognises the SDK's errors by shape.)
 */
export function loadGeminiSdk(): Promise<GeminiSdkModule> {
  loading ??= importGeminiSdk(() => import("@google/genai")).catch((error: unknown) => {
    loading = undefined; // a later call tries again (the package may have been installed since)
    throw error;
  });
  return loading;
}

/** Runs `importSdk` and turns its failure into a config error that says what to install. */
export async function importGeminiSdk(
  importSdk: () => Promise<GeminiSdkModule>,
): Promise<GeminiSdkModule> {
  try {
    return await importSdk();
  } catch (error) {
    const missing = (error as { code?: unknown } | null)?.code === "ERR_MODULE_NOT_FOUND";
    throw new LLMConfigError(
      missing
        ? "The `@google/genai` package is not installed: @llmc/gemini calls Gemini through it. " +
            "Install it next to the adapter (`npm install @google/genai`)."
        : `The \`@google/genai\` package could not be loaded: ${(error as Error)?.message ?? String(error)}`,
      { provider: "gemini", cause: error },
    );
  }
}
