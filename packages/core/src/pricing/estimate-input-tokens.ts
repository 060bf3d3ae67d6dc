import type { ChatMessage } from "../config/prompt.js";

/** Room for role markers and message framing each chat template adds per message. */
export const TOKENS_PER_MESSAGE_OVERHEAD = 8;
/** Room for the template's fixed start/end tokens. */
export const TOKENS_PER_REQUEST_OVERHEAD = 16;

/**
 * An upper bound on the input tokens of a request, used only for the budget reservation.
 * Byte-level BPE tokenizers (OpenAI, Anthropic) and byte-fallback SentencePiece (Gemini) never
 * emit more than one token per UTF-8 byte of text, so the byte length plus a per-message
 * overhead cannot undercount. It overcounts ordinary English about 4×; the difference is
 * released when the call settles. Tool calls count their JSON; the tools' schemas are counted by
 * `estimateToolTokens`.
 */
export function estimateInputTokens(
  messages: readonly ChatMessage[],
  systemPrompt?: string,
): number {
  let tokens = TOKENS_PER_REQUEST_OVERHEAD;
  if (systemPrompt) tokens += Buffer.byteLength(systemPrompt, "utf8") + TOKENS_PER_MESSAGE_OVERHEAD;
  for (const message of messages) {
    tokens += Buffer.byteLength(message.content, "utf8") + TOKENS_PER_MESSAGE_OVERHEAD;
    // Tool turns travel as JSON: a call's id, name and input; a result's call id.
    if (message.role === "tool") tokens += Buffer.byteLength(message.toolCallId, "utf8");
    else if (message.role === "assistant" && message.toolCalls) {
      for (const call of message.toolCalls) {
        tokens +=
          Buffer.byteLength(call.id, "utf8") +
          Buffer.byteLength(call.name, "utf8") +
          Buffer.byteLength(JSON.stringify(call.input) ?? "", "utf8") +
          // Provider state sent back with the call (Gemini's thought signature): count it too.
          (call.providerMetadata
            ? Buffer.byteLength(JSON.stringify(call.providerMetadata), "utf8")
            : 0) +
          TOKENS_PER_MESSAGE_OVERHEAD;
      }
    }
  }
  return tokens;
}
