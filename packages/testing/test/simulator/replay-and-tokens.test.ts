import { describe, expect, it } from "vitest";
import { estimateTokens, recordedResponseStep, recordingProvider } from "../../src/index.js";
import { truncatePiecesToTokens } from "../../src/simulator/token-estimate.js";

describe("token estimate", () => {
  it("is ceil(utf8 bytes / 4)", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("abcd")).toBe(1);
    expect(estimateTokens("abcde")).toBe(2);
    expect(estimateTokens("é")).toBe(1); // 2 bytes
    expect(estimateTokens("😀😀")).toBe(2); // 8 bytes
  });

  it("truncates pieces to a token budget without splitting a character", () => {
    expect(truncatePiecesToTokens(["ab", "cd", "ef"], 1)).toEqual({
      pieces: ["ab", "cd"],
      truncated: true,
    });
    expect(truncatePiecesToTokens(["ab", "cdef"], 1)).toEqual({
      pieces: ["ab", "cd"],
      truncated: true,
    });
    expect(truncatePiecesToTokens(["ab"], 5)).toEqual({ pieces: ["ab"], truncated: false });
    // "😀" is 4 bytes: two fit in 2 tokens, the third does not.
    expect(truncatePiecesToTokens(["😀😀😀"], 2).pieces.join("")).toBe("😀😀");
    expect(truncatePiecesToTokens(["éééé"], 1).pieces.join("")).toBe("éé");
    expect(truncatePiecesToTokens(["abc"], 0)).toEqual({ pieces: [], truncated: true });
  });
});

describe("recordedResponseStep", () => {
  it("parses a full HTTP response, dropping hop-by-hop headers", () => {
    const step = recordedResponseStep(
      "anthropic-error-400.x.http",
      "HTTP/2.0 400 Bad Request\r\nContent-Length: 2\r\nRequest-Id: req_1\r\nX-Should-Retry: false\r\n\r\n{}\r\n",
    );
    expect(step).toEqual({
      fault: "raw",
      status: 400,
      headers: { "request-id": "req_1", "x-should-retry": "false" },
      body: "{}",
    });
  });

  it("frames .jsonl per provider and takes .json status from the name", () => {
    const anthropic = recordedResponseStep(
      "anthropic-x.jsonl",
      '{"type":"ping"}\n{"type":"message_stop"}\n',
    );
    expect(anthropic.body).toEqual([
      'event: ping\ndata: {"type":"ping"}\n\n',
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    ]);
    expect(recordedResponseStep("gemini-x.jsonl", "{}").body).toEqual(["data: {}\r\n\r\n"]);
    expect(recordedResponseStep("openai-x.jsonl", "{}").body).toEqual([
      "data: {}\n\n",
      "data: [DONE]\n\n",
    ]);
    expect(recordedResponseStep("openai-error-429.json", "{}").status).toBe(429);
    expect(recordedResponseStep("openai-chat.json", "{}").status).toBe(200);
  });

  it("serves .raw.sse byte for byte, one event per piece", () => {
    const step = recordedResponseStep("gemini-x.raw.sse", "data: 1\r\n\r\ndata: 2\r\n\r\n");
    expect(step.body).toEqual(["data: 1\r\n\r\n", "data: 2\r\n\r\n"]);
    expect(() => recordedResponseStep("x.txt", "")).toThrow(TypeError);
    expect(recordingProvider("openrouter-chat.json")).toBe("openrouter");
    expect(() => recordingProvider("mistral-chat.json")).toThrow(TypeError);
  });
});
