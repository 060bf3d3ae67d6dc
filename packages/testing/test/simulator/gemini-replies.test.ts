import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_REPLY_TEXT, type Simulator, startSimulator } from "../../src/index.js";
import { geminiClient, TEST_KEY } from "./support/clients.js";
import { postJson, sseDataPayloads } from "./support/raw-http.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const STREAM = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";
const BODY = { contents: [{ role: "user", parts: [{ text: "Hello there" }] }] };

describe("Gemini generateContent through @google/genai", () => {
  it("answers on the explicit API version with the default reply and derived usage", async () => {
    for (const apiVersion of ["v1beta", "v1"]) {
      const reply = await geminiClient(sim, { apiVersion }).models.generateContent({
        model: "gemini-2.5-flash",
        contents: "12345678",
        config: { systemInstruction: "abcd" },
      });
      expect(reply.text).toBe(DEFAULT_REPLY_TEXT);
      expect(reply.candidates?.[0]?.finishReason).toBe("STOP");
      expect(reply.modelVersion).toBe("gemini-2.5-flash");
      // 8 + 4 prompt bytes → 3 tokens; 30-byte reply → 8 tokens.
      expect(reply.usageMetadata).toMatchObject({
        promptTokenCount: 3,
        candidatesTokenCount: 8,
        totalTokenCount: 11,
      });
    }
    expect(sim.requests.map((r) => r.path)).toEqual([
      "/v1beta/models/gemini-2.5-flash:generateContent",
      "/v1/models/gemini-2.5-flash:generateContent",
    ]);
    expect(sim.requests[0]?.model).toBe("gemini-2.5-flash");
    expect(sim.requests[0]?.headers["x-goog-api-key"]).toBe("[REDACTED]");
  });

  it("reports thoughts apart from candidates, and cached content inside the prompt count", async () => {
    sim.script("gemini", {
      text: "There are 3.",
      usage: {
        inputTokens: 17713,
        cachedInputTokens: 17379,
        outputTokens: 889,
        reasoningTokens: 821,
      },
    });
    const reply = await geminiClient(sim).models.generateContent({
      model: "gemini-2.5-flash",
      contents: "How many r in strawberry?",
    });
    // Same arithmetic as the recorded gemini-generateContent.cached-thoughts.json.
    expect(reply.usageMetadata).toMatchObject({
      promptTokenCount: 17713,
      cachedContentTokenCount: 17379,
      candidatesTokenCount: 68,
      thoughtsTokenCount: 821,
      totalTokenCount: 18602,
    });
  });

  it("truncates to maxOutputTokens with MAX_TOKENS", async () => {
    sim.script("gemini", { text: "x".repeat(40) });
    const reply = await geminiClient(sim).models.generateContent({
      model: "gemini-2.5-flash",
      contents: "hi",
      config: { maxOutputTokens: 4 },
    });
    expect(reply.candidates?.[0]?.finishReason).toBe("MAX_TOKENS");
    expect(reply.text).toBe("x".repeat(16));
    expect(reply.usageMetadata?.candidatesTokenCount).toBe(4);
  });

  it("accepts the key as ?key= and a path without a version segment", async () => {
    const response = await postJson(
      `${sim.gemini.baseUrl}/models/gemini-2.0-flash:generateContent?key=${TEST_KEY}`,
      BODY,
    );
    expect(response.status).toBe(200);
    expect(sim.requests[0]?.query.key).toBe("[REDACTED]");
  });

  it("streams with \\r\\n\\r\\n separators, no [DONE], usage on every chunk, the last authoritative", async () => {
    sim.script("gemini", {
      chunks: ["The", " capital of France", " is Paris.\n"],
      usage: { inputTokens: 13, outputTokens: 8 },
    });
    const response = await postJson(`${sim.gemini.baseUrl}${STREAM}?alt=sse`, BODY, {
      "x-goog-api-key": TEST_KEY,
    });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.text).not.toContain("[DONE]");
    const events = response.text.split("\r\n\r\n");
    expect(events.at(-1)).toBe("");
    expect(events).toHaveLength(4);
    const chunks = sseDataPayloads(response.text) as {
      usageMetadata: {
        promptTokenCount: number;
        candidatesTokenCount: number;
        totalTokenCount: number;
      };
      candidates: { finishReason?: string }[];
    }[];
    expect(chunks.map((c) => c.usageMetadata.promptTokenCount)).toEqual([13, 13, 13]);
    expect(chunks.at(-1)?.usageMetadata).toMatchObject({
      candidatesTokenCount: 8,
      totalTokenCount: 21,
    });
    expect(chunks.at(-1)?.candidates[0]?.finishReason).toBe("STOP");
    expect(chunks[0]?.candidates[0]?.finishReason).toBeUndefined();
    for (const chunk of chunks)
      expect(chunk.usageMetadata.candidatesTokenCount).toBeLessThanOrEqual(8);
  });

  it("the SDK stream yields the text and the final usage", async () => {
    sim.script("gemini", {
      chunks: ["a", "b", "c"],
      usage: { inputTokens: 9, outputTokens: 300, reasoningTokens: 256 },
    });
    const stream = await geminiClient(sim).models.generateContentStream({
      model: "gemini-3-pro-preview",
      contents: "q",
    });
    let text = "";
    let last: unknown;
    for await (const chunk of stream) {
      text += chunk.text ?? "";
      last = chunk.usageMetadata;
    }
    expect(text).toBe("abc");
    expect(last).toMatchObject({
      promptTokenCount: 9,
      candidatesTokenCount: 44,
      thoughtsTokenCount: 256,
      totalTokenCount: 309,
    });
  });

  it("streamGenerateContent without alt=sse returns one JSON array", async () => {
    const response = await postJson(`${sim.gemini.baseUrl}${STREAM}`, BODY, {
      "x-goog-api-key": TEST_KEY,
    });
    const array = JSON.parse(response.text) as {
      candidates: { content: { parts: { text: string }[] } }[];
    }[];
    expect(array.map((c) => c.candidates[0]?.content.parts[0]?.text).join("")).toBe(
      DEFAULT_REPLY_TEXT,
    );
  });

  it("a blocked prompt has promptFeedback and no candidates", async () => {
    sim.script(
      "gemini",
      { fault: "blocked-prompt", blockReason: "PROHIBITED_CONTENT" },
      { fault: "blocked-prompt" },
    );
    const reply = await geminiClient(sim).models.generateContent({
      model: "gemini-2.5-flash",
      contents: "bad",
    });
    expect(reply.candidates).toBeUndefined();
    expect(reply.promptFeedback?.blockReason).toBe("PROHIBITED_CONTENT");
    expect(reply.text).toBeUndefined();
    const stream = await geminiClient(sim).models.generateContentStream({
      model: "gemini-2.5-flash",
      contents: "bad",
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.promptFeedback?.blockReason).toBe("SAFETY");
    expect(() => sim.script("openai", { fault: "blocked-prompt" })).toThrow(/only for gemini/);
  });
});
