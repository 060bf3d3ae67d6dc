/**
 * Yields the `data` of each server-sent event in a response body, `[DONE]` included; comment
 * lines (OpenRouter's `: OPENROUTER PROCESSING` keep-alives) and other fields (`event:`,
 * `id:`) are skipped. Lines end in `\n` or `\r\n`.
 *
 * Why not the SDK's `Stream`: it throws as soon as a chunk has an `error` key and drops the
 * rest of that chunk, and servers (OpenRouter) send the call's `usage` and cost in that very
 * chunk. The request itself still goes through the SDK; only the body is read here.
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<string, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  let data: string[] = [];
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (done) pending += "\n\n"; // an event not closed by a blank line still counts
      // One cursor through the buffer: a network read often holds many events.
      let start = 0;
      let newline = pending.indexOf("\n");
      while (newline !== -1) {
        let line = pending.slice(start, newline);
        start = newline + 1;
        if (line.endsWith("\r")) line = line.slice(0, -1);
        if (line === "") {
          if (data.length > 0) yield data.join("\n");
          data = [];
        } else if (line.startsWith("data:")) {
          data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
        }
        newline = pending.indexOf("\n", start);
      }
      pending = start === 0 ? pending : pending.slice(start);
      if (done) {
        finished = true;
        return;
      }
    }
  } finally {
    // Stopped early (the caller returned or threw): free the connection.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
