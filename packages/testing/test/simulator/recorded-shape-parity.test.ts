import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type Simulator,
  type SimulatorProvider,
  type SimulatorStep,
  startSimulator,
} from "../../src/index.js";
import { TEST_KEY } from "./support/clients.js";
import { missingPaths } from "./support/key-paths.js";
import { postJson, sseDataPayloads } from "./support/raw-http.js";
import { readRecording, readRecordingJson } from "./support/recordings.js";

/**
 * The simulator's own responses must carry every field the recorded real responses carry, so
 * code that works against the simulator does not meet an unknown shape in production. The few
 * fields deliberately left out are listed with the reason.
 */
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const HELLO = [{ role: "user", content: "Hello" }];
const RICH_USAGE = {
  inputTokens: 100,
  outputTokens: 40,
  cachedInputTokens: 30,
  cacheWriteTokens: 10,
  reasoningTokens: 20,
};

async function simulate(
  provider: SimulatorProvider,
  step: SimulatorStep,
  stream = false,
): Promise<string> {
  sim.script(provider, step);
  switch (provider) {
    case "openai":
    case "openrouter": {
      const base = provider === "openai" ? sim.openai.baseURL : sim.openrouter.baseURL;
      const body = {
        model: "m",
        messages: HELLO,
        stream,
        stream_options: stream ? { include_usage: true } : undefined,
      };
      return (
        await postJson(`${base}/chat/completions`, body, { authorization: `Bearer ${TEST_KEY}` })
      ).text;
    }
    case "gemini": {
      const action = stream ? "streamGenerateContent?alt=sse" : "generateContent";
      const body = { contents: [{ role: "user", parts: [{ text: "Hello" }] }] };
      return (
        await postJson(`${sim.gemini.baseUrl}/v1beta/models/gemini-2.5-flash:${action}`, body, {
          "x-goog-api-key": TEST_KEY,
        })
      ).text;
    }
    case "anthropic": {
      const body = { model: "m", max_tokens: 100, messages: HELLO, stream };
      return (
        await postJson(`${sim.anthropic.baseUrl}/v1/messages`, body, { "x-api-key": TEST_KEY })
      ).text;
    }
  }
}

function jsonLines(name: string): unknown[] {
  return readRecording(name)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);
}

/** Anthropic events grouped by their `type`. */
function byType(events: unknown[]): Map<string, unknown[]> {
  const groups = new Map<string, unknown[]>();
  for (const event of events) {
    const type = (event as { type: string }).type;
    groups.set(type, [...(groups.get(type) ?? []), event]);
  }
  return groups;
}

describe("simulated responses have every field of the recorded ones", () => {
  it("(the comparison itself notices a missing nested or array field)", () => {
    expect(missingPaths({ a: { b: 1 }, c: [{ d: 1 }] }, { a: {}, c: [] })).toEqual([
      "a.b",
      "c[].d",
    ]);
    expect(
      missingPaths(jsonLines("openai-chat.stream.excerpt.jsonl"), [{}]).length,
    ).toBeGreaterThan(10);
  });

  it("OpenAI chat.completion", async () => {
    const simulated = JSON.parse(await simulate("openai", { usage: RICH_USAGE }));
    for (const name of [
      "openai-chat.nonstream.json",
      "openai-chat.nonstream.reasoning.json",
      "openai-chat.nonstream.cached.json",
    ]) {
      expect(missingPaths(readRecordingJson(name), simulated), name).toEqual([]);
    }
  });

  it("OpenAI stream chunks", async () => {
    const simulated = sseDataPayloads(await simulate("openai", {}, true)).filter(
      (p) => p !== "[DONE]",
    );
    // `obfuscation` is OpenAI's random padding against side channels; no client reads it.
    expect(
      missingPaths(jsonLines("openai-chat.stream.excerpt.jsonl"), simulated, ["[].obfuscation"]),
    ).toEqual([]);
  });

  it("OpenRouter chat.completion and stream", async () => {
    const simulated = JSON.parse(await simulate("openrouter", { usage: RICH_USAGE }));
    expect(
      missingPaths(readRecordingJson("openrouter-chat.nonstream.cost-cached.json"), simulated),
    ).toEqual([]);
    const chunks = sseDataPayloads(await simulate("openrouter", {}, true)).filter(
      (p) => p !== "[DONE]",
    );
    const recorded = sseDataPayloads(readRecording("openrouter-chat.stream.cost.raw.sse")).filter(
      (p) => p !== "[DONE]",
    );
    expect(missingPaths(recorded, chunks)).toEqual([]);
  });

  it("OpenRouter mid-stream error chunk", async () => {
    const simulated = sseDataPayloads(
      await simulate("openrouter", { fault: "midstream-error" }, true),
    ).filter((p) => p !== "[DONE]");
    const recorded = sseDataPayloads(
      readRecording("openrouter-chat.stream.midstream-error.raw.sse"),
    ).filter((p) => p !== "[DONE]");
    // reasoning/reasoning_details belong to reasoning models' deltas; the simulator streams text only.
    expect(missingPaths(recorded.at(-1), simulated.at(-1))).toEqual([]);
    expect(
      missingPaths(recorded, simulated, [
        "[].choices[].delta.reasoning",
        "[].choices[].delta.reasoning_details",
      ]),
    ).toEqual([]);
  });

  it("Gemini generateContent and stream", async () => {
    const simulated = JSON.parse(await simulate("gemini", { usage: RICH_USAGE }));
    // thoughtSignature is an opaque blob for multi-turn thinking; serviceTier a billing label.
    const ignored = ["candidates[].content.parts[].thoughtSignature", "usageMetadata.serviceTier"];
    for (const name of [
      "gemini-generateContent.thoughts.json",
      "gemini-generateContent.cached-thoughts.json",
    ]) {
      expect(missingPaths(readRecordingJson(name), simulated, ignored), name).toEqual([]);
    }
    const chunks = sseDataPayloads(await simulate("gemini", { usage: RICH_USAGE }, true));
    const recorded = [
      ...sseDataPayloads(readRecording("gemini-streamGenerateContent.raw.sse")),
      ...jsonLines("gemini-streamGenerateContent.thoughts.jsonl"),
    ];
    expect(
      missingPaths(recorded, chunks, [
        ...ignored.map((p) => `[].${p}`),
        "[].usageMetadata.candidatesTokensDetails",
      ]),
    ).toEqual([]);
  });

  it("Anthropic message and every stream event type", async () => {
    const simulated = JSON.parse(await simulate("anthropic", { usage: RICH_USAGE }));
    expect(missingPaths(readRecordingJson("anthropic-messages.nonstream.json"), simulated)).toEqual(
      [],
    );
    const text = await simulate("anthropic", { usage: RICH_USAGE }, true);
    const simulatedEvents = byType(sseDataPayloads(text));
    const recordedEvents = byType([
      ...jsonLines("anthropic-messages.stream.jsonl"),
      ...jsonLines("anthropic-messages.stream.delta-input-tokens.jsonl"),
    ]);
    for (const [type, events] of recordedEvents) {
      expect(missingPaths(events, simulatedEvents.get(type) ?? []), type).toEqual([]);
    }
  });

  it("error bodies", async () => {
    const openAI = JSON.parse(await simulate("openai", { fault: "http-error", status: 400 }));
    expect(
      missingPaths(readRecordingJson("openai-error-400.unsupported-parameter.json"), openAI),
    ).toEqual([]);
    // `user_id` identifies the OpenRouter account; there is none here.
    const openRouter = JSON.parse(await simulate("openrouter", { fault: "rate-limit" }));
    expect(
      missingPaths(
        readRecordingJson("openrouter-error-429.provider-rate-limited.json"),
        openRouter,
        ["user_id"],
      ),
    ).toEqual([]);
    const gemini = JSON.parse(
      await simulate("gemini", { fault: "rate-limit", retryAfterSeconds: 34.4 }),
    );
    expect(missingPaths(readRecordingJson("gemini-error-429.json"), gemini)).toEqual([]);
    const anthropic = JSON.parse(await simulate("anthropic", { fault: "model-not-found" }));
    expect(missingPaths(readRecordingJson("anthropic-error-404.json"), anthropic)).toEqual([]);
  });
});
