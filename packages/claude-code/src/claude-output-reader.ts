import {
  type ClaudeResult,
  claudeAssistantEventSchema,
  claudeResultSchema,
  claudeStreamEventSchema,
} from "./claude-output.js";

/**
 * Reads the CLI's stdout line by line (`json`: one result line; `stream-json`: many events)
 * and keeps what matters: the text deltas of the main conversation and the final result.
 *
 * Text comes from partial `stream_event` deltas when the CLI sends them; a message that
 * arrived without deltas (older CLIs, the non-streaming retry after a cut stream) gives its
 * text through its `assistant` event instead. Sub-agent messages (`parent_tool_use_id` set)
 * are not the answer and are skipped. Lines that are not JSON are remembered, not fatal: the
 * run is judged by its result line and exit code.
 */
export class ClaudeOutputReader {
  result: ClaudeResult | undefined;
  /** The first line that could not be read, for the error message when no result came. */
  unreadable: string | undefined;
  readonly #streamedMessages = new Set<string>();
  #currentMessageId: string | undefined;

  /** Takes one stdout line; returns the text deltas it carries (usually none or one). */
  accept(line: string): string[] {
    const trimmed = line.trim();
    if (trimmed.length === 0) return [];
    let event: unknown;
    try {
      event = JSON.parse(trimmed);
    } catch {
      this.unreadable ??= trimmed;
      return [];
    }
    switch ((event as { type?: unknown } | null)?.type) {
      case "result":
        return this.#acceptResult(event, trimmed);
      case "stream_event":
        return this.#acceptStreamEvent(event);
      case "assistant":
        return this.#acceptAssistant(event);
      default:
        return [];
    }
  }

  #acceptResult(event: unknown, line: string): string[] {
    const parsed = claudeResultSchema.safeParse(event);
    if (parsed.success) this.result = parsed.data;
    else this.unreadable ??= line;
    return [];
  }

  #acceptStreamEvent(event: unknown): string[] {
    const parsed = claudeStreamEventSchema.safeParse(event);
    if (!parsed.success || parsed.data.parent_tool_use_id) return [];
    const inner = parsed.data.event;
    if (inner.type === "message_start") {
      this.#currentMessageId = inner.message?.id ?? undefined;
      return [];
    }
    if (inner.type === "content_block_delta" && inner.delta?.type === "text_delta") {
      const text = inner.delta.text ?? "";
      if (this.#currentMessageId) this.#streamedMessages.add(this.#currentMessageId);
      return text ? [text] : [];
    }
    return [];
  }

  #acceptAssistant(event: unknown): string[] {
    const parsed = claudeAssistantEventSchema.safeParse(event);
    if (!parsed.success || parsed.data.parent_tool_use_id) return [];
    const id = parsed.data.message.id;
    if (id && this.#streamedMessages.has(id)) return [];
    const text = (parsed.data.message.content ?? [])
      .filter((block) => block.type === "text")
      .map((block) => block.text ?? "")
      .join("");
    return text ? [text] : [];
  }
}
