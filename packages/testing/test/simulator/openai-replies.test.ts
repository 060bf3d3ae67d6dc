import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_REPLY_TEXT, type Simulator, startSimulator } from "../../src/index.js";
import { openAIClient, USER_HELLO } from "./support/clients.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe("OpenAI chat completions through the openai SDK", () => {
  it("returns the deterministic default reply with usage derived from the request", async () => {
    const client = openAIClient(sim);
    const { data, request_id } = await client.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "12345678" }] })
      .withResponse();
    expect(data.object).toBe("chat.completion");
    expect(data.model).toBe("gpt-4o-mini");
    expect(data.choices[0]?.message.content).toBe(DEFAULT_REPLY_TEXT);
    expect(data.choices[0]?.finish_reason).toBe("stop");
    // 8 bytes of prompt → 2 tokens; 30-byte reply → 8 tokens.
    expect(data.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 8, total_tokens: 10 });
    expect(data.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    expect(data.usage?.completion_tokens_details?.reasoning_tokens).toBe(0);
    expect(request_id).toMatch(/^req_sim/);
  });

  it("serves scripted replies in order, then the default", async () => {
    const client = openAIClient(sim);
    sim.script(
      "openai",
      {
        text: "first",
        usage: { inputTokens: 100, outputTokens: 7, cachedInputTokens: 60, reasoningTokens: 5 },
      },
      { text: "second", finishReason: "content_filter", model: "gpt-4o-2024-08-06" },
    );
    const first = await client.chat.completions.create({ model: "gpt-4o", messages: USER_HELLO });
    const second = await client.chat.completions.create({ model: "gpt-4o", messages: USER_HELLO });
    const third = await client.chat.completions.create({ model: "gpt-4o", messages: USER_HELLO });
    expect(first.choices[0]?.message.content).toBe("first");
    expect(first.usage).toMatchObject({
      prompt_tokens: 100,
      completion_tokens: 7,
      total_tokens: 107,
      prompt_tokens_details: { cached_tokens: 60 },
      completion_tokens_details: { reasoning_tokens: 5 },
    });
    expect(second.choices[0]?.finish_reason).toBe("content_filter");
    expect(second.model).toBe("gpt-4o-2024-08-06");
    expect(third.choices[0]?.message.content).toBe(DEFAULT_REPLY_TEXT);
    expect(sim.pendingSteps("openai")).toBe(0);
  });

  it("truncates to max_completion_tokens (or legacy max_tokens) with finish_reason length", async () => {
    const client = openAIClient(sim);
    sim.script("openai", { text: "a".repeat(100) }, { text: "b".repeat(100) });
    const capped = await client.chat.completions.create({
      model: "gpt-4o",
      messages: USER_HELLO,
      max_completion_tokens: 5,
    });
    expect(capped.choices[0]?.finish_reason).toBe("length");
    expect(capped.choices[0]?.message.content).toBe("a".repeat(20));
    expect(capped.usage?.completion_tokens).toBe(5);
    const legacy = await client.chat.completions.create({
      model: "gpt-4o",
      messages: USER_HELLO,
      max_tokens: 3,
    });
    expect(legacy.choices[0]?.message.content).toBe("b".repeat(12));
    expect(legacy.choices[0]?.finish_reason).toBe("length");
  });

  it("lets a step decide from the request, and setDefault replace the default", async () => {
    const client = openAIClient(sim);
    sim.setDefault("openai", (request) => ({
      text: `echo ${(request.body as { model: string }).model}`,
    }));
    const reply = await client.chat.completions.create({ model: "gpt-x", messages: USER_HELLO });
    expect(reply.choices[0]?.message.content).toBe("echo gpt-x");
  });

  it("waits latencyMs before answering", async () => {
    const client = openAIClient(sim);
    sim.script("openai", { latencyMs: 120 });
    const started = Date.now();
    await client.chat.completions.create({ model: "gpt-4o", messages: USER_HELLO });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });
});
