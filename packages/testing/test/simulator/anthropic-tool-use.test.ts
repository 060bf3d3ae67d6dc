import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/index.js";
import { anthropicClient } from "./support/clients.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const HELLO = [{ role: "user" as const, content: "Extract the total" }];
const TOOL = {
  name: "StructuredOutput",
  description: "return the final response as structured JSON",
  input_schema: { type: "object" as const, properties: { total: { type: "number" } } },
};

describe("Anthropic tool_use blocks through @anthropic-ai/sdk", () => {
  it("sends text then tool_use blocks with stop_reason tool_use", async () => {
    sim.script("anthropic", {
      text: "Here it is.",
      toolCalls: [{ name: "StructuredOutput", arguments: { total: 12.5 } }],
    });
    const message = await anthropicClient(sim).messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 256,
      messages: HELLO,
      tools: [TOOL],
    });
    expect(message.stop_reason).toBe("tool_use");
    expect(message.content).toEqual([
      { type: "text", text: "Here it is." },
      {
        type: "tool_use",
        id: "toolu_sim000000010",
        name: "StructuredOutput",
        input: { total: 12.5 },
      },
    ]);
  });

  it("streams tool_use blocks as input_json_delta pieces the SDK reassembles, with no empty text block", async () => {
    sim.script("anthropic", {
      toolCalls: [
        {
          name: "StructuredOutput",
          arguments: { total: 12.5 },
          argumentChunks: ['{"to', 'tal":1', "2.5}"],
        },
        { id: "toolu_b", name: "StructuredOutput", arguments: { total: 3 } },
      ],
    });
    const stream = anthropicClient(sim).messages.stream({
      model: "claude-sonnet-4-5",
      max_tokens: 256,
      messages: HELLO,
      tools: [TOOL],
    });
    const pieces: string[] = [];
    stream.on("inputJson", (partial) => pieces.push(partial));
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe("tool_use");
    expect(final.content).toEqual([
      {
        type: "tool_use",
        id: "toolu_sim000000010",
        name: "StructuredOutput",
        input: { total: 12.5 },
      },
      { type: "tool_use", id: "toolu_b", name: "StructuredOutput", input: { total: 3 } },
    ]);
    expect(pieces.slice(0, 3)).toEqual(['{"to', 'tal":1', "2.5}"]);
  });

  it("refuses tool-call arguments that are not an object", () => {
    expect(() => sim.script("anthropic", { toolCalls: [{ name: "x", arguments: "[1]" }] })).toThrow(
      /must be an object/,
    );
  });
});
