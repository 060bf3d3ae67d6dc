import { LLMConfigError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { rejectionOf, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

describe("RunConfig → OpenRouter body", () => {
  it("sends max_tokens, the system prompt first, and usage accounting", async () => {
    await env.adapter().executePrompt([{ role: "user", content: "Hi" }], {
      model: "anthropic/claude-sonnet-4.5",
      systemPrompt: "Be brief.",
      maxOutputTokens: 64,
      temperature: 0.5,
    });
    expect(env.sim.requests[0]?.path).toBe("/api/v1/chat/completions");
    expect(env.sim.requests[0]?.body).toMatchInlineSnapshot(`
      {
        "max_tokens": 64,
        "messages": [
          {
            "content": "Be brief.",
            "role": "system",
          },
          {
            "content": "Hi",
            "role": "user",
          },
        ],
        "model": "anthropic/claude-sonnet-4.5",
        "temperature": 0.5,
        "usage": {
          "include": true,
        },
      }
    `);
  });

  it("passes routing, fallback models, transforms and reasoning through unchanged", async () => {
    await env.adapter().executePrompt("Hi", {
      model: "openai/gpt-4o-mini",
      maxOutputTokens: 100,
      provider: {
        order: ["openai", "azure"],
        allow_fallbacks: false,
        data_collection: "deny",
        sort: "price",
        ignore: ["deepinfra"],
        max_price: { prompt: 1, completion: 2 },
      },
      models: ["google/gemini-2.5-flash"],
      transforms: ["middle-out"],
      reasoning: { effort: "low", exclude: true },
      user: "user-7",
      stop: "END",
      topP: 0.8,
    });
    expect(env.sim.requests[0]?.body).toMatchInlineSnapshot(`
      {
        "max_tokens": 100,
        "messages": [
          {
            "content": "Hi",
            "role": "user",
          },
        ],
        "model": "openai/gpt-4o-mini",
        "models": [
          "google/gemini-2.5-flash",
        ],
        "provider": {
          "allow_fallbacks": false,
          "data_collection": "deny",
          "ignore": [
            "deepinfra",
          ],
          "max_price": {
            "completion": 2,
            "prompt": 1,
          },
          "order": [
            "openai",
            "azure",
          ],
          "sort": "price",
        },
        "reasoning": {
          "effort": "low",
          "exclude": true,
        },
        "stop": "END",
        "top_p": 0.8,
        "transforms": [
          "middle-out",
        ],
        "usage": {
          "include": true,
        },
        "user": "user-7",
      }
    `);
  });

  it("streams ask for stream: true (usage comes anyway)", async () => {
    await env.adapter().streamPrompt("Hi", { model: "openai/gpt-4o-mini" }).result;
    expect(env.sim.requests[0]?.body).toMatchObject({ stream: true, usage: { include: true } });
  });

  it("sends the attribution headers and never OpenAI's organization/project from the environment", async () => {
    process.env.OPENAI_ORG_ID = "org-should-not-leak";
    try {
      await env
        .adapter({
          appUrl: "https://example.com/app",
          appName: "My App",
          defaultHeaders: { "x-extra": "1" },
        })
        .executePrompt("Hi", { model: "openai/gpt-4o-mini" });
    } finally {
      delete process.env.OPENAI_ORG_ID;
    }
    const headers = env.sim.requests[0]!.headers;
    expect(headers["http-referer"]).toBe("https://example.com/app");
    expect(headers["x-title"]).toBe("My App");
    expect(headers["x-extra"]).toBe("1");
    expect(headers).not.toHaveProperty("openai-organization");
    expect(headers["x-stainless-retry-count"]).toBe("0");
  });

  it("a misspelt routing key is a config error before any request", async () => {
    const error = await rejectionOf(
      env.adapter().executePrompt("Hi", {
        model: "openai/gpt-4o-mini",
        provider: { allowFallbacks: false } as never,
      }),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as Error).message).toContain("allowFallbacks");
    expect(env.sim.requestCount()).toBe(0);
  });

  it("an unknown top-level option is a config error before any request", async () => {
    const error = await rejectionOf(
      env
        .adapter()
        .executePrompt("Hi", { model: "openai/gpt-4o-mini", route: "fallback" } as never),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(env.sim.requestCount()).toBe(0);
  });
});
