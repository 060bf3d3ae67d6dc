import { LLMConfigError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { rejectionOf, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

describe("RunConfig → Chat Completions body", () => {
  it("sends the system prompt first, then the conversation, and only the fields that were set", async () => {
    await env.adapter().executePrompt(
      [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello!" },
        { role: "user", content: "Summarise our chat." },
      ],
      { model: "gpt-4o-mini", systemPrompt: "Be brief.", maxOutputTokens: 50, temperature: 0.2 },
    );
    expect(env.sim.requests[0]?.path).toBe("/v1/chat/completions");
    expect(env.sim.requests[0]?.body).toMatchInlineSnapshot(`
      {
        "max_completion_tokens": 50,
        "messages": [
          {
            "content": "Be brief.",
            "role": "system",
          },
          {
            "content": "Hi",
            "role": "user",
          },
          {
            "content": "Hello!",
            "role": "assistant",
          },
          {
            "content": "Summarise our chat.",
            "role": "user",
          },
        ],
        "model": "gpt-4o-mini",
        "temperature": 0.2,
      }
    `);
  });

  it("sends a bare prompt with no optional fields at all", async () => {
    await env.adapter().executePrompt("Hi", { model: "gpt-5-nano" });
    expect(env.sim.requests[0]?.body).toEqual({
      model: "gpt-5-nano",
      messages: [{ role: "user", content: "Hi" }],
    });
  });

  it("maps the per-call OpenAI extras and keeps core-only fields off the wire", async () => {
    await env.adapter().executePrompt("Hi", {
      model: "o4-mini",
      maxOutputTokens: 2000,
      reasoningEffort: "low",
      user: "user-42",
      safetyIdentifier: "hash-42",
      promptCacheKey: "faq-v1",
      stop: ["END"],
      topP: 0.9,
      timeoutMs: 5_000,
      maxRetries: 1,
      metadata: { traceId: "t-1" },
      signal: new AbortController().signal,
    });
    expect(env.sim.requests[0]?.body).toMatchInlineSnapshot(`
      {
        "max_completion_tokens": 2000,
        "messages": [
          {
            "content": "Hi",
            "role": "user",
          },
        ],
        "model": "o4-mini",
        "prompt_cache_key": "faq-v1",
        "reasoning_effort": "low",
        "safety_identifier": "hash-42",
        "stop": [
          "END",
        ],
        "top_p": 0.9,
        "user": "user-42",
      }
    `);
  });

  it("uses the legacy max_tokens when the adapter is told to (compatible servers)", async () => {
    await env
      .adapter({ maxTokensParameter: "max_tokens" })
      .executePrompt("Hi", { model: "gpt-4o-mini", maxOutputTokens: 7 });
    const body = env.sim.requests[0]?.body as Record<string, unknown>;
    expect(body.max_tokens).toBe(7);
    expect(body).not.toHaveProperty("max_completion_tokens");
  });

  it("asks for the usage chunk on streams", async () => {
    await env.adapter().streamPrompt("Hi", { model: "gpt-4o-mini", maxOutputTokens: 20 }).result;
    const request = env.sim.requests[0]!;
    expect(request.stream).toBe(true);
    expect(request.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 20,
    });
  });

  it("leaves stream_options out when streamUsage is off", async () => {
    await env.adapter({ streamUsage: false }).streamPrompt("Hi", { model: "gpt-4o-mini" }).result;
    expect(env.sim.requests[0]?.body).not.toHaveProperty("stream_options");
  });

  it("sends the key as a bearer token, plus organization, project and default headers", async () => {
    await env
      .adapter({ organization: "org-1", project: "proj-1", defaultHeaders: { "x-team": "search" } })
      .executePrompt("Hi", { model: "gpt-4o-mini" });
    const headers = env.sim.requests[0]!.headers;
    expect(headers.authorization).toBe("[REDACTED]");
    expect(headers["openai-organization"]).toBe("org-1");
    expect(headers["openai-project"]).toBe("proj-1");
    expect(headers["x-team"]).toBe("search");
    // The SDK's own retries are off: core retries.
    expect(headers["x-stainless-retry-count"]).toBe("0");
  });

  it("rejects an unknown per-call option before any request", async () => {
    const error = await rejectionOf(
      env.adapter().executePrompt("Hi", { model: "gpt-4o-mini", max_tokens: 5 } as never),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as LLMConfigError).message).toContain("Did you mean `maxOutputTokens`?");
    expect(env.sim.requestCount()).toBe(0);
  });

  it("rejects a bad extra value before any request", async () => {
    const error = await rejectionOf(
      env.adapter().executePrompt("Hi", { model: "o3", reasoningEffort: "extreme" as never }),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as LLMConfigError).field).toBe("reasoningEffort");
    expect(env.sim.requestCount()).toBe(0);
  });
});
