import { ServerResponse } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type Simulator, startSimulator } from "../../src/index.js";
import { openAIClient, TEST_KEY, USER_HELLO } from "./support/clients.js";
import { postJson, sseDataPayloads } from "./support/raw-http.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const AUTH = { authorization: `Bearer ${TEST_KEY}` };

describe("OpenAI streaming", () => {
  it("streams the scripted chunks and a usage chunk when include_usage is set", async () => {
    sim.script("openai", {
      chunks: ["Hel", "lo", "!"],
      usage: { inputTokens: 9, outputTokens: 3 },
    });
    const stream = await openAIClient(sim).chat.completions.create({
      model: "gpt-4o-mini",
      messages: USER_HELLO,
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let finish: string | null | undefined;
    let usage: unknown;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(deltas).toEqual(["Hel", "lo", "!"]);
    expect(finish).toBe("stop");
    expect(usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 });
    expect(sim.requests[0]?.stream).toBe(true);
  });

  it("puts usage:null on every chunk, then a choices:[] usage chunk and [DONE] (include_usage)", async () => {
    const response = await postJson(
      `${sim.openai.baseURL}/chat/completions`,
      { model: "m", messages: USER_HELLO, stream: true, stream_options: { include_usage: true } },
      AUTH,
    );
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("x-request-id")).toMatch(/^req_sim/);
    const payloads = sseDataPayloads(response.text);
    expect(payloads.at(-1)).toBe("[DONE]");
    const chunks = payloads.slice(0, -1) as { usage: unknown; choices: unknown[] }[];
    const usageChunk = chunks.at(-1)!;
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 8 });
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
    expect(response.text).not.toContain("\r\n");
  });

  it("sends no usage chunk (and no usage key) without include_usage", async () => {
    const response = await postJson(
      `${sim.openai.baseURL}/chat/completions`,
      { model: "m", messages: USER_HELLO, stream: true },
      AUTH,
    );
    const chunks = sseDataPayloads(response.text).slice(0, -1) as Record<string, unknown>[];
    for (const chunk of chunks) {
      expect(chunk).not.toHaveProperty("usage");
      expect(chunk.choices).not.toEqual([]);
    }
    const finishChoices = chunks.at(-1)!.choices as { finish_reason: string }[];
    expect(finishChoices[0]?.finish_reason).toBe("stop");
  });

  it("spaces chunks by chunkDelayMs", async () => {
    sim.script("openai", { chunks: ["a", "b", "c"], chunkDelayMs: 40 });
    const started = Date.now();
    const stream = await openAIClient(sim).chat.completions.create({
      model: "m",
      messages: USER_HELLO,
      stream: true,
    });
    for await (const _ of stream) {
      // drain
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("stops writing when the client aborts mid-stream", async () => {
    // 200 chunks × 20 ms: the stream would run 4 s, so the windows below always fall inside it.
    sim.script("openai", {
      chunks: Array.from({ length: 200 }, (_, i) => `w${i} `),
      chunkDelayMs: 20,
    });
    const controller = new AbortController();
    const stream = await openAIClient(sim).chat.completions.create(
      { model: "m", messages: USER_HELLO, stream: true },
      { signal: controller.signal },
    );
    let seen = 0;
    try {
      for await (const _ of stream) {
        if (++seen === 3) controller.abort();
      }
    } catch {
      // Depending on timing the SDK ends the iteration or throws APIUserAbortError.
    }
    expect(seen).toBe(3);
    // Once the disconnect has reached the server (allow it 500 ms on a loaded machine), nothing
    // more is written; without abort handling a chunk would come every 20 ms for seconds more.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const writes = vi.spyOn(ServerResponse.prototype, "write");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(writes).not.toHaveBeenCalled();
    writes.mockRestore();
    // The simulator is still healthy afterwards.
    const next = await openAIClient(sim).chat.completions.create({
      model: "m",
      messages: USER_HELLO,
    });
    expect(next.choices[0]?.message.content).toBeTruthy();
  });
});
