import { LLMError } from "@llmc/core";
import type { SimulatorStep } from "@llmc/testing";
import { describe, expect, it } from "vitest";
import type { GeminiAdapter } from "../src/index.js";
import { rejectionOf, useGeminiSimulator } from "./support/gemini-harness.js";
import { readRecorded } from "./support/recorded-fixtures.js";

/**
 * Google answers an error on `:streamGenerateContent?alt=sse` with the same status and JSON
 * body as on `:generateContent`, labelled `text/event-stream` (the simulator does the same), and
 * `@google/genai` then wraps that body as text. Every error case must map the same either way:
 * same class, code, status, retryAfterMs and message.
 */
const h = useGeminiSimulator();
const model = "gemini-2.5-flash";

interface Case {
  readonly name: string;
  readonly step?: SimulatorStep | (() => Promise<SimulatorStep>);
  /** A key the simulator does not accept, instead of a scripted step. */
  readonly key?: string;
  readonly expected: { readonly className: string; readonly retryAfterMs?: number };
}

const CASES: readonly Case[] = [
  {
    name: "a bad key (400 API_KEY_INVALID)",
    step: { fault: "auth" },
    expected: { className: "LLMAuthenticationError" },
  },
  {
    name: "a key the server does not know",
    key: "not-the-right-key-123",
    expected: { className: "LLMAuthenticationError" },
  },
  {
    name: "403 PERMISSION_DENIED",
    step: { fault: "http-error", status: 403 },
    expected: { className: "LLMPermissionError" },
  },
  {
    name: "404 model not found",
    step: { fault: "model-not-found" },
    expected: { className: "LLMModelNotFoundError" },
  },
  {
    name: "400 input token count exceeds",
    step: { fault: "context-length", inputTokens: 1_200_000 },
    expected: { className: "LLMContextLengthError" },
  },
  {
    name: "400 FAILED_PRECONDITION (region)",
    step: {
      fault: "http-error",
      status: 400,
      body: {
        error: {
          code: 400,
          message: "User location is not supported for the API use.",
          status: "FAILED_PRECONDITION",
        },
      },
    },
    expected: { className: "LLMPermissionError" },
  },
  {
    name: "another 400",
    step: {
      fault: "http-error",
      status: 400,
      message: "Budget 0 is invalid. This model only works in thinking mode.",
    },
    expected: { className: "LLMProviderError" },
  },
  {
    name: "429 with RetryInfo",
    step: { fault: "rate-limit", retryAfterSeconds: 34.4 },
    expected: { className: "LLMRateLimitError", retryAfterMs: 34_400 },
  },
  {
    name: "the recorded 429 body",
    step: async () => ({
      fault: "http-error",
      status: 429,
      body: JSON.parse(await readRecorded("gemini-error-429.json")),
    }),
    expected: { className: "LLMRateLimitError", retryAfterMs: 34_400 },
  },
  {
    name: "429 quota without RetryInfo",
    step: { fault: "insufficient-credits" },
    expected: { className: "LLMRateLimitError" },
  },
  {
    name: "429 prepaid credits depleted",
    step: { fault: "http-error", status: 429, message: "Your prepayment credits are depleted." },
    expected: { className: "LLMInsufficientCreditsError" },
  },
  {
    name: "503 overloaded",
    step: { fault: "overloaded" },
    expected: { className: "LLMProviderError" },
  },
  {
    name: "500 internal",
    step: { fault: "server-error" },
    expected: { className: "LLMProviderError" },
  },
  {
    name: "504 deadline",
    step: { fault: "http-error", status: 504 },
    expected: { className: "LLMProviderError" },
  },
  {
    name: "a non-JSON 502 page",
    step: {
      fault: "raw",
      status: 502,
      headers: { "content-type": "text/html" },
      body: "<html><body>Bad Gateway</body></html>",
    },
    expected: { className: "LLMProviderError" },
  },
];

/** What a caller can branch on or print. */
function observable(error: unknown) {
  expect(LLMError.isInstance(error)).toBe(true);
  const e = error as LLMError & Record<string, unknown>;
  return {
    className: e.constructor.name,
    code: e.code,
    status: e.status,
    retryable: e.retryable,
    retryAfterMs: e.retryAfterMs,
    model: e.model,
    message: e.message,
  };
}

async function failureOf(adapter: GeminiAdapter, mode: "unary" | "stream") {
  const options = { model, maxRetries: 0 };
  if (mode === "unary") return observable(await rejectionOf(adapter.executePrompt("Hi", options)));
  return observable(
    await rejectionOf(
      (async () => {
        for await (const _ of adapter.streamPrompt("Hi", options)) {
          // an error answer has no parts
        }
      })(),
    ),
  );
}

describe("streamed errors map exactly as non-streamed ones", () => {
  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const adapter = testCase.key ? h.adapterWith({ apiKey: testCase.key }) : h.adapter;
      const step = typeof testCase.step === "function" ? await testCase.step() : testCase.step;
      if (step) h.sim.script("gemini", step, step);
      const unary = await failureOf(adapter, "unary");
      const streamed = await failureOf(adapter, "stream");
      const [first, second] = h.sim.requests;
      expect([first?.stream, second?.stream]).toEqual([false, true]);
      expect(unary).toMatchObject(testCase.expected);
      expect(unary.retryAfterMs).toBe(testCase.expected.retryAfterMs);
      expect(streamed).toEqual(unary);
    });
  }
});
