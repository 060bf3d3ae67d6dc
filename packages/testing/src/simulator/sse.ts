/** Server-sent-event framing, as each provider writes it. */

/** `data: <json>\n\n` — OpenAI and OpenRouter. */
export function sseData(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

/** `data: <json>\r\n\r\n` — Gemini separates events with CRLF CRLF (recorded byte-exact). */
export function sseDataCrlf(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\r\n\r\n`;
}

/**
 * `event: <type>\ndata: <json>\n\n` — Anthropic. The SDK dispatches on the `event:` line;
 * data-only events yield nothing.
 */
export function sseEvent(type: string, payload: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/** A comment line (`: text`), ignored by SSE parsers; OpenRouter uses it as a keep-alive. */
export function sseComment(text: string): string {
  return `: ${text}\n\n`;
}

/** The OpenAI-style terminator. */
export const SSE_DONE = "data: [DONE]\n\n";

export const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
});
