/**
 * Sums the UTF-8 bytes of prompt text in the shapes the four APIs use: a string, an array of
 * parts/blocks with `text`, or Gemini `{ parts: [...] }`. Non-text parts count as nothing.
 */
export function textBytes(value: unknown): number {
  if (typeof value === "string") return Buffer.byteLength(value, "utf8");
  if (Array.isArray(value)) {
    let total = 0;
    for (const item of value) total += textBytes(item);
    return total;
  }
  if (value !== null && typeof value === "object") {
    const record = value as { text?: unknown; parts?: unknown; content?: unknown };
    if (typeof record.text === "string") return Buffer.byteLength(record.text, "utf8");
    if (record.parts !== undefined) return textBytes(record.parts);
    // Anthropic tool_result blocks nest their content.
    if (record.content !== undefined) return textBytes(record.content);
  }
  return 0;
}

/** Sum of {@link textBytes} over the `content` of each message. */
export function messagesTextBytes(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  let total = 0;
  for (const message of messages) {
    if (message !== null && typeof message === "object") {
      total += textBytes((message as { content?: unknown }).content);
    }
  }
  return total;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A finite non-negative number, else `undefined`. */
export function optionalCount(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}
