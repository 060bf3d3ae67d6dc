import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type Simulator, startSimulator } from "../../src/index.js";
import { openAIClient, USER_HELLO } from "./support/clients.js";
import { type OpenAIAPIError, rejectionOf } from "./support/rejection.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

async function collect(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) {
  const deltas: string[] = [];
  for await (const chunk of stream) {
    const content = chunk.choices[0]?.delta.content;
    if (content) deltas.push(content);
  }
  return deltas;
}

function streamRequest(client: OpenAI, timeout?: number) {
  return client.chat.completions.create(
    { model: "gpt-4o", messages: USER_HELLO, stream: true },
    timeout === undefined ? {} : { timeout },
  );
}

describe("OpenAI transport faults", () => {
  it("midstream-error: data {error} after N chunks throws APIError without status", async () => {
    sim.script("openai", {
      fault: "midstream-error",
      afterChunks: 2,
      reply: { chunks: ["a", "b", "c"] },
    });
    const deltas: string[] = [];
    const error = await (async () => {
      for await (const chunk of await streamRequest(openAIClient(sim))) {
        const content = chunk.choices[0]?.delta.content;
        if (content) deltas.push(content);
      }
    })().catch((e: unknown) => e);
    expect(deltas).toEqual(["a", "b"]);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBeUndefined();
    expect((error as Error).message).toContain("The server had an error");
  });

  it("midstream-error on a non-streaming request is a 500", async () => {
    sim.script("openai", { fault: "midstream-error" });
    await expect(
      openAIClient(sim).chat.completions.create({ model: "m", messages: USER_HELLO }),
    ).rejects.toBeInstanceOf(OpenAI.InternalServerError);
  });

  it("cut-stream: the body ends early (reset or eof) and the SDK throws", async () => {
    sim.script(
      "openai",
      { fault: "cut-stream", afterChunks: 1 },
      { fault: "cut-stream", afterChunks: 2, mode: "eof" },
      { fault: "cut-stream" },
    );
    await expect(collect(await streamRequest(openAIClient(sim)))).rejects.toThrow();
    await expect(collect(await streamRequest(openAIClient(sim)))).rejects.toThrow();
    // Non-streaming: the headers arrive, the body read fails; the SDK does not wrap that.
    await expect(
      openAIClient(sim).chat.completions.create({ model: "m", messages: USER_HELLO }),
    ).rejects.toThrow(/terminated/);
  });

  it("stall-stream: headers and chunks, then silence until the client times out", async () => {
    sim.script("openai", { fault: "stall-stream", afterChunks: 1 });
    const controller = new AbortController();
    const stream = await openAIClient(sim).chat.completions.create(
      { model: "m", messages: USER_HELLO, stream: true },
      { signal: controller.signal },
    );
    const seen: string[] = [];
    const timer = setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    try {
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta.content;
        if (content) seen.push(content);
      }
    } catch {
      // aborted
    }
    clearTimeout(timer);
    expect(seen).toEqual(["Hello "]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it("hang: no answer at all, so the SDK's timeout fires", async () => {
    sim.script("openai", { fault: "hang" });
    await expect(
      openAIClient(sim).chat.completions.create(
        { model: "m", messages: USER_HELLO },
        { timeout: 150 },
      ),
    ).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it("malformed-json: a 200 body that is not JSON, and a stream event that is not JSON", async () => {
    sim.script("openai", { fault: "malformed-json" }, { fault: "malformed-json", afterChunks: 1 });
    // The SDK logs the unparsable event before throwing; keep the test output clean.
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(
      openAIClient(sim).chat.completions.create({ model: "m", messages: USER_HELLO }),
    ).rejects.toThrow();
    await expect(collect(await streamRequest(openAIClient(sim)))).rejects.toThrow(SyntaxError);
    quiet.mockRestore();
  });

  it("raw: exactly the given status, headers and body", async () => {
    sim.script("openai", {
      fault: "raw",
      status: 418,
      headers: { "content-type": "application/json", "x-custom": "yes" },
      body: '{"error":{"message":"teapot","type":"odd","param":null,"code":"tea"}}',
    });
    const error = await rejectionOf<OpenAIAPIError>(
      openAIClient(sim).chat.completions.create({ model: "m", messages: USER_HELLO }),
    );

    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBe(418);
    expect(error.code).toBe("tea");
    expect(error.headers?.get("x-custom")).toBe("yes");
  });
});
