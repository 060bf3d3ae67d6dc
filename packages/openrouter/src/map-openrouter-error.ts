import type { LLMError } from "@llmc/core";
import { mapChatCompletionsError, type WireErrorContext } from "@llmc/openai-compatible";
import { openRouterDialect } from "./openrouter-dialect.js";

/** Turns whatever the openai SDK (or fetch under it) threw for OpenRouter into core's errors. */
export function mapOpenRouterError(error: unknown, context: WireErrorContext = {}): LLMError {
  return mapChatCompletionsError(error, openRouterDialect, context);
}
