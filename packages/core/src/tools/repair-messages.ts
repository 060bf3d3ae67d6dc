import type { ChatMessage } from "../config/prompt.js";
import type { LLMInvalidResponseError } from "../errors/provider-errors.js";

/**
 * The conversation for a repair call: the original one, the model's invalid answer as its own
 * turn (a bad tool call as text: providers want every tool call answered by a result, and this
 * one never ran), then what was wrong and what to do instead.
 */
export function repairMessages(
  messages: readonly ChatMessage[],
  answerText: string,
  error: LLMInvalidResponseError,
): ChatMessage[] {
  const toolName = error.toolName;
  const said =
    toolName === undefined
      ? answerText
      : `${answerText ? `${answerText}\n` : ""}[call to tool "${toolName}" with arguments: ${error.rawText ?? ""}]`;
  const instruction =
    toolName === undefined
      ? "Answer again with only the JSON value, matching the requested schema exactly."
      : `Call the tool again with arguments that match its input schema, or answer without it.`;
  return [
    ...messages,
    { role: "assistant", content: said || "(empty answer)" },
    { role: "user", content: `That was invalid: ${error.message} ${instruction}` },
  ];
}
