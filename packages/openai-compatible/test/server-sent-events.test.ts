import { describe, expect, it } from "vitest";
import { readServerSentEvents } from "../src/read-server-sent-events.js";

function bodyOf(...pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

async function eventsOf(body: ReadableStream<Uint8Array>): Promise<string[]> {
  const events: string[] = [];
  for await (const data of readServerSentEvents(body)) events.push(data);
  return events;
}

describe("readServerSentEvents", () => {
  it("skips comments, joins multi-line data, handles CRLF and events split across reads", async () => {
    expect(
      await eventsOf(
        bodyOf(
          ": OPENROUTER PROCESSING\n\n",
          'data: {"a":',
          "1}\n\ndata: x\r\ndata: y\r\n\r\n",
          "event: ignored\nid: 7\ndata:[DONE]",
        ),
      ),
    ).toEqual(['{"a":1}', "x\ny", "[DONE]"]);
  });

  it("yields many events from one read and an event left unterminated at the end", async () => {
    expect(await eventsOf(bodyOf("data: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4"))).toEqual([
      "1",
      "2",
      "3",
      "4",
    ]);
  });

  it("cancels the body when the reader stops early", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("data: first\n\n"));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const data of readServerSentEvents(body)) {
      expect(data).toBe("first");
      break;
    }
    expect(cancelled).toBe(true);
  });

  it("decodes UTF-8 split between reads", async () => {
    const bytes = new TextEncoder().encode("data: héllo ✓\n\n");
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 8));
        controller.enqueue(bytes.slice(8));
        controller.close();
      },
    });
    expect(await eventsOf(body)).toEqual(["héllo ✓"]);
  });
});
