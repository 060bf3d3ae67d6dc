import { Agent, request as httpRequest } from "node:http";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { startSimulator } from "../../src/index.js";
import { openAIClient, TEST_KEY, USER_HELLO } from "./support/clients.js";
import { postJson } from "./support/raw-http.js";
import { drainError, rejectionOf, until } from "./support/rejection.js";

describe("simulator lifecycle", () => {
  it("listens on 127.0.0.1 and exposes each provider's base URL", async () => {
    const sim = await startSimulator();
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sim.openai.baseURL).toBe(`${sim.url}/v1`);
      expect(sim.openrouter.baseURL).toBe(`${sim.url}/api/v1`);
      expect(sim.gemini.baseUrl).toBe(sim.url);
      expect(sim.anthropic.baseUrl).toBe(sim.url);
    } finally {
      await sim.close();
    }
  });

  it("close() returns promptly with hung and stalled requests in flight, and is idempotent", async () => {
    const sim = await startSimulator();
    sim.script("openai", { fault: "hang" }, { fault: "stall-stream", afterChunks: 1 });
    const client = openAIClient(sim);
    const hung = rejectionOf(
      client.chat.completions.create({ model: "m", messages: USER_HELLO }, { timeout: 30_000 }),
    );
    const stalled = await client.chat.completions.create({
      model: "m",
      messages: USER_HELLO,
      stream: true,
    });
    const stalledDrain = drainError(stalled);
    await until(() => sim.requestCount("openai") === 2);
    await sim.close();
    await sim.close();
    // close() cut both connections: the hung call fails now, long before its 30 s timeout (the
    // test's own 10 s limit would catch a close that waited for it).
    const hungError = await hung;
    expect(hungError).toBeInstanceOf(Error);
    expect(hungError).not.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(await stalledDrain).toBeInstanceOf(Error);
  });

  it("counts per provider, ignores HEAD / and unknown paths, and reset() clears everything", async () => {
    const sim = await startSimulator();
    try {
      await openAIClient(sim).chat.completions.create({ model: "m", messages: USER_HELLO });
      await fetch(`${sim.url}/`, { method: "HEAD" });
      const unknown = await postJson(
        `${sim.url}/v1/embeddings`,
        {},
        { authorization: `Bearer ${TEST_KEY}` },
      );
      expect(unknown.status).toBe(404);
      expect(JSON.parse(unknown.text)).toMatchObject({ error: { type: "invalid_request_error" } });
      expect(sim.requestCount()).toBe(1);
      expect(sim.requestCount("openai")).toBe(1);
      expect(sim.requestCount("gemini")).toBe(0);
      expect(sim.requests.map((r) => r.provider)).toEqual(["openai", null, null]);

      sim.script("openai", { text: "scripted" });
      sim.setDefault("openai", { text: "default" });
      sim.reset();
      expect(sim.requests).toEqual([]);
      expect(sim.requestCount()).toBe(0);
      expect(sim.pendingSteps("openai")).toBe(0);
      const reply = await openAIClient(sim).chat.completions.create({
        model: "m",
        messages: USER_HELLO,
      });
      expect(reply.choices[0]?.message.content).toBe("Hello from the llmc simulator.");
    } finally {
      await sim.close();
    }
  });

  it("records method, path, query, redacted headers and the parsed body", async () => {
    const sim = await startSimulator();
    try {
      await openAIClient(sim).chat.completions.create({
        model: "gpt-4o",
        messages: USER_HELLO,
        temperature: 0.2,
      });
      const [entry] = sim.requests;
      expect(entry).toMatchObject({
        provider: "openai",
        method: "POST",
        path: "/v1/chat/completions",
        query: {},
        stream: false,
        model: "gpt-4o",
        body: { model: "gpt-4o", messages: USER_HELLO, temperature: 0.2 },
      });
      expect(entry?.headers.authorization).toBe("[REDACTED]");
      expect(JSON.stringify(entry)).not.toContain(TEST_KEY);
      expect(entry?.headers["content-type"]).toBe("application/json");
    } finally {
      await sim.close();
    }
  });

  it("keeps only the newest maxRecordedRequests but keeps counting", async () => {
    const sim = await startSimulator({ maxRecordedRequests: 2 });
    try {
      for (const model of ["a", "b", "c", "d", "e"]) {
        await openAIClient(sim).chat.completions.create({ model, messages: USER_HELLO });
      }
      expect(sim.requests.map((r) => r.model)).toEqual(["d", "e"]);
      expect(sim.requestCount("openai")).toBe(5);
    } finally {
      await sim.close();
    }
  });

  it("keeps connections alive between requests", async () => {
    const sim = await startSimulator();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const post = () =>
      new Promise<boolean>((resolve, reject) => {
        const body = JSON.stringify({ model: "m", messages: USER_HELLO });
        const request = httpRequest(
          `${sim.openai.baseURL}/chat/completions`,
          {
            method: "POST",
            agent,
            headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
          },
          (response) => {
            response.resume();
            response.on("end", () => resolve(request.reusedSocket));
          },
        );
        request.on("error", reject);
        request.end(body);
      });
    try {
      expect(await post()).toBe(false);
      expect(await post()).toBe(true);
    } finally {
      agent.destroy();
      await sim.close();
    }
  });

  it("accepts only the configured keys", async () => {
    const sim = await startSimulator({ apiKeys: ["k-1", "k-2"] });
    try {
      const ok = await openAIClient(sim, { apiKey: "k-2" }).chat.completions.create({
        model: "m",
        messages: USER_HELLO,
      });
      expect(ok.choices).toHaveLength(1);
      await expect(
        openAIClient(sim, { apiKey: "sk-test" }).chat.completions.create({
          model: "m",
          messages: USER_HELLO,
        }),
      ).rejects.toMatchObject({ status: 401 });
    } finally {
      await sim.close();
    }
  });
});
