import { type RawFault, SIMULATOR_PROVIDERS, type SimulatorProvider } from "../types.js";

/**
 * Turns a recorded provider response (the `fixtures/recorded/` conventions) into a `raw` step:
 * - `*.http`: a full HTTP response — status line, headers, blank line, body.
 * - `*.raw.sse`: an SSE body, served byte for byte.
 * - `*.jsonl`: one SSE `data:` payload per line, framed the way the provider frames it:
 *   Anthropic gets its `event: <type>` lines back (the SDK yields nothing without them),
 *   Gemini uses `\r\n\r\n`, OpenAI-style streams end with `data: [DONE]`.
 * - `*.json`: a JSON body; the status comes from an `error-NNN` part of the name, else 200.
 * Streams are served one event per write, so clients see them arrive in pieces.
 */
export function recordedResponseStep(fileName: string, contents: string): RawFault {
  if (fileName.endsWith(".http")) return parseHttpResponse(contents);
  if (fileName.endsWith(".raw.sse")) {
    return { fault: "raw", status: 200, headers: SSE_HEADERS, body: splitSseEvents(contents) };
  }
  if (fileName.endsWith(".jsonl")) {
    return {
      fault: "raw",
      status: 200,
      headers: SSE_HEADERS,
      body: frameJsonLines(fileName, contents),
    };
  }
  if (fileName.endsWith(".json")) {
    const status = /error-(\d{3})/.exec(fileName)?.[1];
    return {
      fault: "raw",
      status: status === undefined ? 200 : Number(status),
      headers: { "content-type": "application/json" },
      body: contents,
    };
  }
  throw new TypeError(`recordedResponseStep: unsupported recording type "${fileName}"`);
}

/** The provider a recording belongs to, from its name prefix (`openai-…`, `gemini-…`). */
export function recordingProvider(fileName: string): SimulatorProvider {
  const base = fileName.slice(fileName.lastIndexOf("/") + 1);
  const prefix = base.slice(0, base.indexOf("-"));
  const provider = SIMULATOR_PROVIDERS.find((name) => name === prefix);
  if (provider === undefined) throw new TypeError(`No provider prefix in recording "${fileName}"`);
  return provider;
}

const SSE_HEADERS = { "content-type": "text/event-stream; charset=utf-8" };

/** Splits an SSE body after each event separator, keeping the bytes exactly. */
function splitSseEvents(contents: string): string[] {
  const pieces: string[] = [];
  const separator = /\r\n\r\n|\n\n|\r\r/g;
  let start = 0;
  for (let match = separator.exec(contents); match !== null; match = separator.exec(contents)) {
    pieces.push(contents.slice(start, match.index + match[0].length));
    start = match.index + match[0].length;
  }
  if (start < contents.length) pieces.push(contents.slice(start));
  return pieces;
}

function frameJsonLines(fileName: string, contents: string): string[] {
  const provider = recordingProvider(fileName);
  const lines = contents.split(/\r?\n/).filter((line) => line.trim() !== "");
  const events = lines.map((line) => {
    switch (provider) {
      case "anthropic": {
        const type = (JSON.parse(line) as { type?: unknown }).type;
        return `event: ${String(type)}\ndata: ${line}\n\n`;
      }
      case "gemini":
        return `data: ${line}\r\n\r\n`;
      default:
        return `data: ${line}\n\n`;
    }
  });
  if (provider === "openai" || provider === "openrouter") events.push("data: [DONE]\n\n");
  return events;
}

/** Headers that describe the recorded connection, not the response; node sets its own. */
const HOP_BY_HOP = new Set(["content-length", "transfer-encoding", "connection", "keep-alive"]);

function parseHttpResponse(contents: string): RawFault {
  const normalized = contents.replace(/\r\n/g, "\n");
  const headerEnd = normalized.indexOf("\n\n");
  if (headerEnd === -1)
    throw new TypeError("recorded .http response has no blank line after headers");
  const [statusLine = "", ...headerLines] = normalized.slice(0, headerEnd).split("\n");
  const status = /^HTTP\/[\d.]+ (\d{3})/.exec(statusLine)?.[1];
  if (status === undefined) throw new TypeError(`bad status line "${statusLine}"`);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!HOP_BY_HOP.has(name)) headers[name] = line.slice(colon + 1).trim();
  }
  const body = normalized.slice(headerEnd + 2).replace(/\n$/, "");
  return { fault: "raw", status: Number(status), headers, body };
}
