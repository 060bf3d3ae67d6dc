import { type ChatMessage, LLMConfigError } from "@llmc/core";

/** What the CLI receives: the prompt text (on stdin) and the system prompt (a flag). */
export interface RenderedClaudePrompt {
  readonly prompt: string;
  readonly systemPrompt: string | undefined;
}

/**
 * Turns core's prompt into the CLI's one prompt text. `claude -p` takes a single user turn, so:
 * - `system` messages join `systemPrompt` (in order, blank-line separated);
 * - a single user message is sent as is;
 * - a longer conversation is sent as a transcript of the earlier turns in `<conversation>`
 *   tags followed by the last user message, which must come last.
 */
export function renderClaudePrompt(
  messages: readonly ChatMessage[],
  systemPrompt: string | undefined,
): RenderedClaudePrompt {
  const systemParts = systemPrompt ? [systemPrompt] : [];
  const turns: ChatMessage[] = [];
  for (const message of messages) {
    if (message.role === "system") systemParts.push(message.content);
    else turns.push(message);
  }
  const last = turns.at(-1);
  if (last?.role !== "user") {
    throw new LLMConfigError(
      "A Claude Code prompt must end with a user message: the CLI answers one user turn.",
      { provider: "claude-code", field: "prompt" },
    );
  }
  const earlier = turns.slice(0, -1);
  const prompt =
    earlier.length === 0
      ? last.content
      : [
          "<conversation>",
          ...earlier.map((turn) => `<${turn.role}>\n${turn.content}\n</${turn.role}>`),
          "</conversation>",
          "",
          last.content,
        ].join("\n");
  return {
    prompt,
    systemPrompt: systemParts.length > 0 ? systemParts.join("\n\n") : undefined,
  };
}
