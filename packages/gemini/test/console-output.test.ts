import { LLMInvalidResponseError } from "@llmc/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { consoleOutputOf } from "./support/console-capture.js";
import { rejectionOf, useGeminiSimulator } from "./support/gemini-harness.js";

const h = useGeminiSimulator();
const model = "gemini-2.5-flash";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the adapter prints nothing", () => {
  it("with both GOOGLE_API_KEY and GEMINI_API_KEY set (the SDK would warn which it uses)", async () => {
    vi.stubEnv("GOOGLE_API_KEY", "AIza-google-variable-0000000000000000");
    vi.stubEnv("GEMINI_API_KEY", "gemini-variable-key-000000000000000");
    const printed = await consoleOutputOf(async () => {
      const result = await h.adapter.executePrompt("Hi", { model });
      expect(result.text).not.toBe("");
    });
    expect(printed).toEqual([]);
    // Both variables are as they were, and the key the adapter was given is the one sent.
    expect(process.env.GOOGLE_API_KEY).toBe("AIza-google-variable-0000000000000000");
    expect(process.env.GEMINI_API_KEY).toBe("gemini-variable-key-000000000000000");
    expect(h.sim.requestCount("gemini")).toBe(1);
  });

  it("on an unreadable stream event: a typed error, nothing on the console", async () => {
    h.sim.script("gemini", { fault: "malformed-json", afterChunks: 1 });
    let error: unknown;
    const printed = await consoleOutputOf(async () => {
      error = await rejectionOf(
        (async () => {
          for await (const _ of h.adapter.streamPrompt("Hi", { model, maxRetries: 0 })) {
            // read on until the bad event
          }
        })(),
      );
    });
    expect(printed).toEqual([]);
    expect(error).toBeInstanceOf(LLMInvalidResponseError);
  });
});
