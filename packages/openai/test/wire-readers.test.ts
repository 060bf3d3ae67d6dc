import { describe, expect, it } from "vitest";
import { readOpenAIChatChunk, readOpenAIChatResponse } from "../src/openai-chat-api.js";

describe("readOpenAIChatResponse", () => {
  it("reads the recorded cached response, ignoring fields it does not use", () => {
    const read = readOpenAIChatResponse({
      choices: [
        {
          finish_reason: "stop",
          index: 0,
          message: { annotations: [], content: "OK", refusal: null, role: "assistant" },
        },
      ],
      created: 1784092252,
      id: "chatcmpl-E1mBQt42vYTsKNd5wnyJlT0db7v9S",
      model: "gpt-5.6-sol",
      object: "chat.completion",
      service_tier: "default",
      system_fingerprint: null,
      usage: {
        completion_tokens: 4,
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
        prompt_tokens: 4020,
        prompt_tokens_details: { audio_tokens: 0, cache_write_tokens: 0, cached_tokens: 4012 },
        total_tokens: 4024,
      },
    });
    expect(read).toEqual({
      ok: true,
      value: {
        id: "chatcmpl-E1mBQt42vYTsKNd5wnyJlT0db7v9S",
        model: "gpt-5.6-sol",
        content: "OK",
        refusal: undefined,
        finishReason: "stop",
        serviceTier: "default",
        systemFingerprint: undefined,
        usage: {
          prompt_tokens: 4020,
          completion_tokens: 4,
          total_tokens: 4024,
          prompt_tokens_details: { cached_tokens: 4012, cache_write_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
    });
  });

  it.each([
    [null, "body is missing"],
    [[], "body is not an object"],
    [{ choices: "x" }, "choices is not an array"],
    [{ choices: [] }, "choices[0] is missing"],
    [{ choices: [{}] }, "choices[0].message is missing"],
    [{ choices: [{ message: { content: 42 } }] }, "message.content is not a string"],
    [
      { choices: [{ message: {} }], usage: { prompt_tokens: 1 } },
      "usage.completion_tokens is missing",
    ],
    [
      { choices: [{ message: {} }], usage: { prompt_tokens: -1, completion_tokens: 1 } },
      "usage.prompt_tokens is not a token count",
    ],
  ])("rejects %j: %s", (json, problem) => {
    expect(readOpenAIChatResponse(json)).toEqual({ ok: false, problem });
  });

  it("content null is an empty answer, not an error", () => {
    const read = readOpenAIChatResponse({
      choices: [{ message: { content: null, refusal: "No." } }],
    });
    expect(read).toMatchObject({ ok: true, value: { content: undefined, refusal: "No." } });
  });
});

describe("readOpenAIChatChunk", () => {
  it("a delta chunk, a finish chunk and a usage chunk", () => {
    expect(
      readOpenAIChatChunk({
        id: "c",
        choices: [{ delta: { content: "Hi" }, finish_reason: null }],
        usage: null,
      }),
    ).toMatchObject({
      ok: true,
      value: { id: "c", text: "Hi", finishReason: undefined, usage: undefined },
    });
    expect(
      readOpenAIChatChunk({ choices: [{ delta: {}, finish_reason: "length" }] }),
    ).toMatchObject({
      ok: true,
      value: { text: undefined, finishReason: "length" },
    });
    expect(
      readOpenAIChatChunk({
        choices: [],
        usage: {
          prompt_tokens: 15,
          completion_tokens: 78,
          completion_tokens_details: { reasoning_tokens: 64 },
        },
      }),
    ).toMatchObject({ ok: true, value: { usage: { prompt_tokens: 15, completion_tokens: 78 } } });
  });

  it("rejects a chunk whose usage is not countable", () => {
    expect(
      readOpenAIChatChunk({ choices: [], usage: { prompt_tokens: "15", completion_tokens: 1 } }),
    ).toEqual({
      ok: false,
      problem: "usage.prompt_tokens is not a token count",
    });
  });
});
