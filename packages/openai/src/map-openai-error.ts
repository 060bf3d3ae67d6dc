import type { LLMError } from "@llmc/core";
import { mapChatCompletionsError, type WireErrorContext } from "@llmc/openai-compatible";
import { openAIDialect } from "./openai-dialect.js";

/**
 * Turns whatever the openai SDK (or fetch under it) threw for OpenAI into core's error
 * classes, keeping OpenAI's own message (`OpenAI <status> <code>: <message>`).
 */
export function mapOpenAIError(error: unknown, context: WireErrorContext = {}): LLMError {
  return mapChatCompletionsError(error, openAIDialect, context);
}
