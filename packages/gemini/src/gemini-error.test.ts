import { describe, expect, it } from "vitest";
import { readRecorded } from "../test/support/recorded-fixtures.js";
import { parseGeminiErrorMessage } from "./gemini-error.js";

describe("parseGeminiErrorMessage", () => {
  it("reads status, message and RetryInfo from the recorded 429 body", async () => {
    const body = JSON.parse(await readRecorded("gemini-error-429.json"));
    // The SDK's ApiError.message is JSON.stringify(body).
    expect(parseGeminiErrorMessage(JSON.stringify(body))).toEqual({
      code: 429,
      status: "RESOURCE_EXHAUSTED",
      message: "You exceeded your current quota, please check your plan.",
      reasons: [],
      retryDelayMs: 34_400,
    });
  });

  it("collects ErrorInfo reasons (API_KEY_INVALID)", () => {
    const message = JSON.stringify({
      error: {
        code: 400,
        message: "API key not valid. Please pass a valid API key.",
        status: "INVALID_ARGUMENT",
        details: [
          { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID" },
          "not an object",
          { "@type": "type.googleapis.com/google.rpc.LocalizedMessage", locale: "en-US" },
        ],
      },
    });
    expect(parseGeminiErrorMessage(message)).toMatchObject({
      status: "INVALID_ARGUMENT",
      reasons: ["API_KEY_INVALID"],
    });
  });

  it("reads the 'got status: X. {json}' form of a stream error event", () => {
    const message =
      'got status: UNAVAILABLE. {"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}';
    expect(parseGeminiErrorMessage(message)).toMatchObject({
      code: 503,
      status: "UNAVAILABLE",
      message: "The model is overloaded.",
    });
  });

  it("unwraps Google's JSON body that the SDK took for text (a streaming-endpoint error)", async () => {
    // Google sends it pretty-printed, labelled text/event-stream; the SDK wraps the raw text.
    const google = JSON.stringify(JSON.parse(await readRecorded("gemini-error-429.json")), null, 2);
    const message = JSON.stringify({
      error: { message: google, code: 429, status: "Too Many Requests" },
    });
    expect(parseGeminiErrorMessage(message)).toEqual(parseGeminiErrorMessage(google));
    expect(parseGeminiErrorMessage(message)).toMatchObject({
      status: "RESOURCE_EXHAUSTED",
      retryDelayMs: 34_400,
    });
  });

  it("reads a non-JSON body as the SDK wraps it", () => {
    const message = JSON.stringify({
      error: { message: "<html>Bad Gateway</html>", code: 502, status: "Bad Gateway" },
    });
    expect(parseGeminiErrorMessage(message)).toMatchObject({
      code: 502,
      status: "Bad Gateway",
      message: "<html>Bad Gateway</html>",
    });
  });

  it("keeps text that is not JSON at all as the message", () => {
    expect(parseGeminiErrorMessage("upstream connect error {oops")).toEqual({
      code: undefined,
      status: undefined,
      message: "upstream connect error {oops",
      reasons: [],
      retryDelayMs: undefined,
    });
  });
});
