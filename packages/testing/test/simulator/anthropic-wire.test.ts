import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/index.js";
import { TEST_KEY } from "./support/clients.js";
import { postJson } from "./support/raw-http.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

/** A body shaped like the one `claude -p` 2.1.197 sends (see notes/claude-code-cli.md). */
function claudeCliBody(): Record<string, unknown> {
  const tools = Array.from({ length: 24 }, (_, index) => ({
    name: `Tool${index}`,
    description: "A tool. ".repeat(300),
    input_schema: { type: "object", properties: { arg: { type: "string" } }, required: ["arg"] },
  }));
  return {
    model: "claude-opus-4-8",
    max_tokens: 64000,
    system: [
      { type: "text", text: "x-anthropic-billing-header: cc_version=2.1.197" },
      { type: "text", text: "You are Claude Code, Anthropic's official CLI for Claude." },
      { type: "text", text: "Main prompt. ".repeat(200), cache_control: { type: "ephemeral" } },
    ],
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: "<system-reminder>context</system-reminder>" },
          { type: "text", text: "Say hello" },
        ],
      },
      { role: "system", content: "A system message inside messages." },
    ],
    tools,
    thinking: { type: "adaptive" },
    output_config: { effort: "high" },
    context_management: { edits: [] },
    metadata: { user_id: "user_abc" },
    stream: true,
  };
}

const CLI_HEADERS = {
  "x-api-key": TEST_KEY,
  "anthropic-version": "2023-06-01",
  "anthropic-beta": "claude-code-20250219,context-1m-2025-08-07,interleaved-thinking-2025-05-14",
  "user-agent": "claude-cli/2.1.197 (external, sdk-cli)",
};

function events(text: string): { event: string; data: Record<string, unknown> }[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const [eventLine, dataLine] = block.split("\n");
      expect(eventLine).toMatch(/^event: /);
      return {
        event: eventLine!.slice(7),
        data: JSON.parse(dataLine!.slice(6)) as Record<string, unknown>,
      };
    });
}

describe("Anthropic wire format, as the claude CLI sees it", () => {
  it("answers HEAD / with 200 and does not count it", async () => {
    const response = await fetch(`${sim.anthropic.baseUrl}/`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(sim.requestCount("anthropic")).toBe(0);
    expect(sim.requestCount()).toBe(0);
    expect(sim.requests[0]).toMatchObject({ provider: null, method: "HEAD", path: "/" });
  });

  it("accepts the CLI's ~76 KB streaming request on /v1/messages?beta=true with x-api-key", async () => {
    const body = claudeCliBody();
    expect(JSON.stringify(body).length).toBeGreaterThan(60_000);
    const response = await postJson(
      `${sim.anthropic.baseUrl}/v1/messages?beta=true`,
      body,
      CLI_HEADERS,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("request-id")).toMatch(/^req_sim/);
    const stream = events(response.text);
    expect(stream.map((e) => e.event)).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      ...Array(5).fill("content_block_delta"),
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    for (const { event, data } of stream) expect(data.type).toBe(event);
    const start = stream[0]!.data.message as {
      usage: { output_tokens: number; input_tokens: number };
    };
    expect(start.usage.output_tokens).toBe(1);
    const delta = stream.at(-2)!.data as { usage: { output_tokens: number; input_tokens: number } };
    expect(delta.usage.output_tokens).toBe(8);
    expect(delta.usage.input_tokens).toBe(start.usage.input_tokens);
    const recorded = sim.requests.at(-1)!;
    expect(recorded.query).toEqual({ beta: "true" });
    expect(recorded.headers["x-api-key"]).toBe("[REDACTED]");
    expect(recorded.stream).toBe(true);
    expect(recorded.model).toBe("claude-opus-4-8");
  });

  it("answers the CLI's non-streaming fallback (no stream key) with JSON", async () => {
    const { stream: _ignored, ...body } = claudeCliBody();
    const response = await postJson(
      `${sim.anthropic.baseUrl}/v1/messages?beta=true`,
      body,
      CLI_HEADERS,
    );
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(JSON.parse(response.text)).toMatchObject({ type: "message", stop_reason: "end_turn" });
  });

  it("rejects a missing or wrong key with authentication_error and request-id", async () => {
    const missing = await postJson(`${sim.anthropic.baseUrl}/v1/messages`, {
      model: "m",
      max_tokens: 1,
      messages: [],
    });
    expect(missing.status).toBe(401);
    const body = JSON.parse(missing.text) as {
      type: string;
      error: { type: string };
      request_id: string;
    };
    expect(body.type).toBe("error");
    expect(body.error.type).toBe("authentication_error");
    expect(missing.headers.get("request-id")).toBe(body.request_id);
    const wrong = await postJson(
      `${sim.anthropic.baseUrl}/v1/messages`,
      { model: "m", max_tokens: 1, messages: [] },
      { "x-api-key": "sk-ant-wrong" },
    );
    expect(JSON.parse(wrong.text)).toMatchObject({
      error: { type: "authentication_error", message: "invalid x-api-key" },
    });
  });

  it("validates like the API: max_tokens is required", async () => {
    const response = await postJson(
      `${sim.anthropic.baseUrl}/v1/messages`,
      { model: "m", messages: [] },
      { "x-api-key": TEST_KEY },
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({
      error: { type: "invalid_request_error", message: "max_tokens: Field required" },
    });
  });
});
