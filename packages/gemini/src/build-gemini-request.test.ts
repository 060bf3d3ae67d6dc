import { LLMConfigError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { buildGeminiRequest } from "./build-gemini-request.js";
import type { GeminiRunConfig } from "./gemini-run-config.js";

const signal = new AbortController().signal;

function request(overrides: Partial<Parameters<typeof buildGeminiRequest>[0]> = {}) {
  const config: GeminiRunConfig = { model: "gemini-2.5-flash", ...overrides.config };
  return buildGeminiRequest({
    model: "gemini-2.5-flash",
    messages: [{ role: "user", content: "Hi" }],
    systemPrompt: undefined,
    maxOutputTokens: undefined,
    temperature: undefined,
    signal,
    ...overrides,
    config,
  });
}

describe("buildGeminiRequest", () => {
  it("leaves the signal off when core says nothing can cancel the call", () => {
    expect(request({ cancellable: false }).config).not.toHaveProperty("abortSignal");
    expect(request({ cancellable: true }).config?.abortSignal).toBe(signal);
  });

  it("sends a bare prompt with continuation off and the call's signal", () => {
    const params = request();
    expect(params.config?.abortSignal).toBe(signal);
    expect({
      ...params,
      config: { ...params.config, abortSignal: "<signal>" },
    }).toMatchInlineSnapshot(`
      {
        "config": {
          "abortSignal": "<signal>",
          "automaticContinuation": false,
        },
        "contents": [
          {
            "parts": [
              {
                "text": "Hi",
              },
            ],
            "role": "user",
          },
        ],
        "model": "gemini-2.5-flash",
      }
    `);
  });

  it("folds systemPrompt and system messages into systemInstruction; assistant becomes model", () => {
    const params = request({
      systemPrompt: "Be brief.",
      maxOutputTokens: 200,
      temperature: 0.2,
      messages: [
        { role: "system", content: "Answer in French." },
        { role: "user", content: "Hello" },
        { role: "assistant", content: "Bonjour" },
        { role: "user", content: "How are you?" },
        { role: "user", content: "And the weather?" },
      ],
      config: { model: "gemini-2.5-flash", thinkingBudget: 512 },
    });
    const { abortSignal: _signal, ...config } = params.config ?? {};
    expect({ contents: params.contents, config }).toMatchInlineSnapshot(`
      {
        "config": {
          "automaticContinuation": false,
          "maxOutputTokens": 200,
          "systemInstruction": {
            "parts": [
              {
                "text": "Be brief.

      Answer in French.",
              },
            ],
          },
          "temperature": 0.2,
          "thinkingConfig": {
            "includeThoughts": false,
            "thinkingBudget": 512,
          },
        },
        "contents": [
          {
            "parts": [
              {
                "text": "Hello",
              },
            ],
            "role": "user",
          },
          {
            "parts": [
              {
                "text": "Bonjour",
              },
            ],
            "role": "model",
          },
          {
            "parts": [
              {
                "text": "How are you?",
              },
              {
                "text": "And the weather?",
              },
            ],
            "role": "user",
          },
        ],
      }
    `);
  });

  it("refuses a prompt made only of system messages", () => {
    expect(() => request({ messages: [{ role: "system", content: "Rules" }] })).toThrow(
      LLMConfigError,
    );
  });
});
