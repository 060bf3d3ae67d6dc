import { describe, expect, it } from "vitest";
import { ClaudeOutputReader } from "./claude-output-reader.js";

const line = (value: unknown) => JSON.stringify(value);
const messageStart = (id: string, parent: string | null = null) =>
  line({
    type: "stream_event",
    parent_tool_use_id: parent,
    event: { type: "message_start", message: { id, usage: { input_tokens: 10 } } },
  });
const textDelta = (text: string, parent: string | null = null) =>
  line({
    type: "stream_event",
    parent_tool_use_id: parent,
    event: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } },
  });
const assistant = (id: string, text: string, parent: string | null = null) =>
  line({
    type: "assistant",
    parent_tool_use_id: parent,
    message: { id, content: [{ type: "text", text }] },
  });
const result = line({
  subtype: "success",
  is_error: false,
  result: "Hello there.",
  total_cost_usd: 0.0105,
  type: "result", // not first: newer CLIs print fields in another order
  some_new_field: { nested: true },
});

function feed(lines: string[]): { reader: ClaudeOutputReader; deltas: string[] } {
  const reader = new ClaudeOutputReader();
  const deltas = lines.flatMap((text) => reader.accept(text));
  return { reader, deltas };
}

describe("ClaudeOutputReader", () => {
  it("streams partial text deltas and skips the same text in the assistant event", () => {
    const { reader, deltas } = feed([
      line({ type: "system", subtype: "init", model: "claude-sonnet-4-5" }),
      messageStart("msg_1"),
      textDelta("Hello "),
      textDelta("there."),
      assistant("msg_1", "Hello there."),
      result,
    ]);
    expect(deltas).toEqual(["Hello ", "there."]);
    expect(reader.result).toMatchObject({ result: "Hello there.", total_cost_usd: 0.0105 });
  });

  it("takes a message's text from its assistant event when no deltas came", () => {
    const { deltas } = feed([assistant("msg_1", "Whole message."), result]);
    expect(deltas).toEqual(["Whole message."]);
  });

  it("keeps the text of every turn, and skips sub-agent messages", () => {
    const { deltas } = feed([
      messageStart("msg_1"),
      textDelta("Let me look. "),
      assistant("msg_1", "Let me look. "),
      messageStart("msg_sub", "toolu_1"),
      textDelta("sub-agent chatter", "toolu_1"),
      assistant("msg_sub", "sub-agent chatter", "toolu_1"),
      messageStart("msg_2"),
      textDelta("Found it."),
      result,
    ]);
    expect(deltas).toEqual(["Let me look. ", "Found it."]);
  });

  it("remembers lines that are not JSON without failing, and an empty output has no result", () => {
    const { reader, deltas } = feed(["", "Warning: something", "{not json"]);
    expect(deltas).toEqual([]);
    expect(reader.result).toBeUndefined();
    expect(reader.unreadable).toBe("Warning: something");
  });
});
