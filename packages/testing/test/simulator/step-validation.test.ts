import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, type SimulatorStep, startSimulator } from "../../src/index.js";
import { TEST_KEY } from "./support/clients.js";
import { postJson } from "./support/raw-http.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

describe("scripting mistakes fail at the test line that made them", () => {
  it.each<[string, unknown]>([
    ["an unknown fault", { fault: "explode" }],
    ["a negative latency", { latencyMs: -1 }],
    ["a fractional token count", { usage: { inputTokens: 1.5 } }],
    ["chunks that are not strings", { chunks: [1, 2] }],
    ["an http-error without a valid status", { fault: "http-error", status: 99 }],
    ["a raw step without a body", { fault: "raw", status: 200 }],
    ["blocked-prompt outside Gemini", { fault: "blocked-prompt" }],
    ["a bad nested reply", { fault: "cut-stream", reply: { chunkDelayMs: Number.NaN } }],
  ])("rejects %s", (_label, step) => {
    expect(() => sim.script("openai", step as SimulatorStep)).toThrow(TypeError);
    expect(() => sim.setDefault("openai", step as SimulatorStep)).toThrow(TypeError);
  });

  it("rejects an unknown provider", () => {
    expect(() => sim.script("mistral" as "openai", {})).toThrow(/Unknown simulator provider/);
  });

  it("a step function that throws (or returns a bad step) answers 500 with the reason", async () => {
    sim.script(
      "openai",
      () => {
        throw new Error("boom");
      },
      () => ({ fault: "nope" }) as unknown as SimulatorStep,
    );
    const body = { model: "m", messages: [{ role: "user", content: "x" }] };
    const headers = { authorization: `Bearer ${TEST_KEY}` };
    const first = await postJson(`${sim.openai.baseURL}/chat/completions`, body, headers);
    expect(first.status).toBe(500);
    expect(first.text).toContain("boom");
    const second = await postJson(`${sim.openai.baseURL}/chat/completions`, body, headers);
    expect(second.text).toContain('unknown fault "nope"');
  });

  it("invalid JSON gets each provider's own 400", async () => {
    const openAI = await postJson(`${sim.openai.baseURL}/chat/completions`, "{nope", {
      authorization: `Bearer ${TEST_KEY}`,
    });
    expect(openAI.status).toBe(400);
    expect(JSON.parse(openAI.text).error.message).toContain("could not parse the JSON body");
    const gemini = await postJson(
      `${sim.gemini.baseUrl}/v1beta/models/g:generateContent`,
      "{nope",
      { "x-goog-api-key": TEST_KEY },
    );
    expect(JSON.parse(gemini.text).error.status).toBe("INVALID_ARGUMENT");
    const anthropic = await postJson(`${sim.anthropic.baseUrl}/v1/messages`, "{nope", {
      "x-api-key": TEST_KEY,
    });
    expect(JSON.parse(anthropic.text)).toMatchObject({
      type: "error",
      error: { type: "invalid_request_error" },
    });
  });
});
