import { LLMAuthenticationError, LLMConnectionError, type LLMError } from "@llmc/core";
import { startSimulator } from "@llmc/testing";
import { describe, expect, it } from "vitest";
import { OpenAIAdapter } from "../src/openai-adapter.js";
import { rejectionOf } from "./simulator-fixture.js";

/** Everything a caller could print about an error. */
function printed(error: unknown): string {
  const llmError = error as LLMError;
  return [
    llmError.message,
    llmError.stack,
    JSON.stringify(llmError.toJSON()),
    JSON.stringify(llmError),
    String((llmError.cause as Error | undefined)?.message),
    String((llmError.cause as Error | undefined)?.stack),
    String(((llmError.cause as Error | undefined)?.cause as Error | undefined)?.message),
    String(((llmError.cause as Error | undefined)?.cause as Error | undefined)?.stack),
  ].join("\n");
}

describe("API keys never show in errors", () => {
  it("a wrong key: the 401 is an LLMAuthenticationError that names no key", async () => {
    const sim = await startSimulator();
    try {
      const wrongKey = "sk-proj-WRONGkey0123456789abcdefghij";
      const adapter = new OpenAIAdapter({ apiKey: wrongKey, baseURL: sim.openai.baseURL });
      const error = await rejectionOf(adapter.executePrompt("Hi", { model: "gpt-4o-mini" }));
      expect(error).toBeInstanceOf(LLMAuthenticationError);
      expect((error as LLMError).message).toContain("Incorrect API key provided");
      expect(printed(error)).not.toContain(wrongKey);
      expect(printed(error)).not.toContain("WRONGkey");
      // A 401 is final: one request, no retries.
      expect(sim.requestCount("openai")).toBe(1);
    } finally {
      await sim.close();
    }
  });
});

describe("credentials in the base URL never show", () => {
  // A short user name no registry could hold, and a password of no key shape.
  const USER = "gw";
  const PASSWORD = "s3cr3t-in-url-9f2c";

  for (const mode of ["executePrompt", "streamPrompt"] as const) {
    it(`${mode}: the refused URL is quoted with its userinfo masked`, async () => {
      const sim = await startSimulator();
      try {
        const host = new URL(sim.url).host;
        const adapter = new OpenAIAdapter({
          apiKey: "sk-test",
          baseURL: `http://${USER}:${PASSWORD}@${host}/v1`,
        });
        const options = { model: "gpt-4o-mini", maxRetries: 0 };
        const call =
          mode === "executePrompt"
            ? adapter.executePrompt("Hi", options)
            : (async () => {
                for await (const _ of adapter.streamPrompt("Hi", options)) {
                  // drain
                }
              })();
        const error = await rejectionOf(call);
        expect(error).toBeInstanceOf(LLMConnectionError);
        expect((error as LLMError).message).toContain(`http://[REDACTED]@${host}/v1`);
        expect(printed(error)).not.toContain(PASSWORD);
        expect(printed(error)).not.toContain(`${USER}:`);
        // Node's fetch never sends a URL with userinfo: nothing reached the simulator.
        expect(sim.requestCount()).toBe(0);
      } finally {
        await sim.close();
      }
    });
  }
});
