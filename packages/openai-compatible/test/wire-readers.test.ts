import { describe, expect, it } from "vitest";
import { readChatCompletionsChunk } from "../src/read-chat-completions-chunk.js";
import { readChatCompletionsResponse } from "../src/read-chat-completions-response.js";

const noDialect = {};

describe("readChatCompletionsResponse", () => {
  it("reads the recorded cached response, ignoring fields it does not use", () => {
    const read = readChatCompletionsResponse(
      {
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
      },
      noDialect,
    );
    expect(read).toMatchObject({
      ok: true,
      value: {
        id: "chatcmpl-E1mBQt42vYTsKNd5wnyJlT0db7v9S",
        model: "gpt-5.6-sol",
        content: "OK",
        refusal: undefined,
        finishReason: "stop",
        costUsd: undefined,
        error: undefined,
        usage: {
          inputTokens: 4020,
          outputTokens: 4,
          totalTokens: 4024,
          cachedInputTokens: 4012,
          cacheWriteTokens: 0,
          reasoningTokens: 0,
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
    [
      {
        choices: [{ message: {} }],
        usage: {
          prompt_tokens: 1,
          completion_tokens: 1,
          prompt_tokens_details: { cached_tokens: "1" },
        },
      },
      "usage.cached_tokens is not a token count",
    ],
  ])("rejects %j: %s", (json, problem) => {
    expect(readChatCompletionsResponse(json, noDialect)).toEqual({ ok: false, problem });
  });

  it("content null is an empty answer, not an error", () => {
    const read = readChatCompletionsResponse(
      { choices: [{ message: { content: null, refusal: "No." } }] },
      noDialect,
    );
    expect(read).toMatchObject({ ok: true, value: { content: undefined, refusal: "No." } });
  });

  it("a 200 body with an error needs no choices, and keeps its usage", () => {
    const read = readChatCompletionsResponse(
      {
        error: { code: 502, message: "Upstream disconnected", metadata: { provider_name: "X" } },
        usage: { prompt_tokens: 12, completion_tokens: 3 },
      },
      noDialect,
    );
    expect(read).toMatchObject({
      ok: true,
      value: {
        error: { code: 502, message: "Upstream disconnected", metadata: { provider_name: "X" } },
        usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 },
      },
    });
  });
});

describe("readChatCompletionsChunk", () => {
  it("a delta chunk, a finish chunk and a usage chunk", () => {
    expect(
      readChatCompletionsChunk(
        { id: "c", choices: [{ delta: { content: "Hi" }, finish_reason: null }], usage: null },
        noDialect,
      ),
    ).toMatchObject({
      ok: true,
      value: { id: "c", text: "Hi", finishReason: undefined, usage: undefined },
    });
    expect(
      readChatCompletionsChunk({ choices: [{ delta: {}, finish_reason: "length" }] }, noDialect),
    ).toMatchObject({ ok: true, value: { text: undefined, finishReason: "length" } });
    expect(
      readChatCompletionsChunk(
        {
          choices: [],
          usage: {
            prompt_tokens: 15,
            completion_tokens: 78,
            completion_tokens_details: { reasoning_tokens: 64 },
          },
        },
        noDialect,
      ),
    ).toMatchObject({
      ok: true,
      value: { usage: { inputTokens: 15, outputTokens: 78, totalTokens: 93, reasoningTokens: 64 } },
    });
  });

  it("rejects a chunk whose usage is not countable", () => {
    expect(
      readChatCompletionsChunk(
        { choices: [], usage: { prompt_tokens: "15", completion_tokens: 1 } },
        noDialect,
      ),
    ).toEqual({ ok: false, problem: "usage.prompt_tokens is not a token count" });
  });

  it("a mid-stream error chunk keeps the usage sent beside it", () => {
    expect(
      readChatCompletionsChunk(
        {
          error: { message: "boom", type: "server_error" },
          usage: { prompt_tokens: 3, completion_tokens: 2 },
        },
        noDialect,
      ),
    ).toMatchObject({
      ok: true,
      value: {
        error: { message: "boom", type: "server_error", code: undefined },
        usage: { inputTokens: 3, outputTokens: 2 },
      },
    });
  });
});
