/** Plain-fetch helpers for what SDKs hide: exact bytes, headers, framing. */

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** `data:` payloads of an SSE body, parsed as JSON where possible. */
export function sseDataPayloads(text: string): unknown[] {
  return text
    .split(/\r\n\r\n|\n\n/)
    .map((event) => event.split(/\r?\n/).find((line) => line.startsWith("data: ")))
    .filter((line): line is string => line !== undefined)
    .map((line) => line.slice(6))
    .map((data) => (data === "[DONE]" ? data : (JSON.parse(data) as unknown)));
}
