import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { LLMConfigError } from "@llmc/core";
import type * as OpenAISdk from "openai";

export type OpenAISdkModule = typeof OpenAISdk;

let sdk: OpenAISdkModule | undefined;
let loading: Promise<OpenAISdkModule> | undefined;

/**
 * The `openai` SDK, imported on an adapter's first call instead of with the package: it is
 * the biggest part of what importing an adapter would cost (~90 ms on Node 22), which an
 * application should not pay at start-up. Loaded once per process and shared by every
 * Chat Completions adapter (OpenAI, OpenRouter, the presets). A missing or broken SDK becomes
 * an {@link LLMConfigError} on that first call, naming `provider`.
 */
export function loadOpenAISdk(provider = "openai-compatible"): Promise<OpenAISdkModule> {
  loading ??= importOpenAISdk(() => import("openai"), provider).then(
    (module) => {
      sdk = module;
      return module;
    },
    (error: unknown) => {
      loading = undefined; // a later call tries again (the package may have been installed since)
      throw error;
    },
  );
  return loading;
}

/** Runs `importSdk` and turns its failure into a config error that says what to install. */
export async function importOpenAISdk(
  importSdk: () => Promise<OpenAISdkModule>,
  provider = "openai-compatible",
): Promise<OpenAISdkModule> {
  try {
    return await importSdk();
  } catch (error) {
    const missing = (error as { code?: unknown } | null)?.code === "ERR_MODULE_NOT_FOUND";
    throw new LLMConfigError(
      missing
        ? `The \`openai\` package is not installed: the ${provider} adapter sends its requests ` +
            "through it. Install it next to the adapter (`npm install openai`)."
        : `The \`openai\` package could not be loaded: ${(error as Error)?.message ?? String(error)}`,
      { provider, cause: error },
    );
  }
}

/**
 * The SDK if it can be had without waiting: the copy loaded by a call, else the one the
 * application itself imported (loaded synchronously, the same module instance), else
 * `undefined` when it is not installed. For error mapping, which is synchronous and may run
 * before any call has loaded the SDK.
 */
export function openAISdkNow(): OpenAISdkModule | undefined {
  if (sdk) return sdk;
  try {
    const require = createRequire(import.meta.url);
    sdk = require(fileURLToPath(import.meta.resolve("openai"))) as OpenAISdkModule;
  } catch {
    return undefined;
  }
  return sdk;
}
