import { LLMAuthenticationError, LLMConnectionError, type LLMError } from "@llmc/core";
import { startSimulator } from "@llmc/testing";
import { describe, expect, it } from "vitest";
import { OpenRouterAdapter } from "../src/openrouter-adapter.js";
import { rejectionOf } from "./simulator-fixture.js";

function printed(error: unknown): string {
  const llmError = error as LLMError;
  return [
    llmError.message,
    llmError.stack,
    JSON.stringify(llmError.toJSON()),
    String((llmError.cause as Error | undefined)?.message),
    String((llmError.cause as Error | undefined)?.stack),
    String(((llmError.cause as Error | undefined)?.cause as Error | undefined)?.message),
  ].join("\n");
}

describe("API keys never show in errors", () => {
  it("a wrong key is an LLMAuthenticationError", async () => {
    const sim = await startSimulator();
    try {
      const wrongKey = "sk-or-v1-WRONG0123456789abcdef0123456789";
      const adapter = new OpenRouterAdapter({ apiKey: wrongKey, baseURL: sim.openrouter.baseURL });
      const error = await rejectionOf(adapter.executePrompt("Hi", { model: "openai/gpt-4o-mini" }));
      expect(error).toBeInstanceOf(LLMAuthenticationError);
      expect(printed(error)).not.toContain(wrongKey);
      expect(sim.requestCount("openrouter")).toBe(1);
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
        const adapter = new OpenRouterAdapter({
          apiKey: "sk-test",
          baseURL: `http://${USER}:${PASSWORD}@${host}/api/v1`,
        });
        const options = { model: "openai/gpt-4o-mini", maxRetries: 0 };
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
        expect((error as LLMError).message).toContain(`http://[REDACTED]@${host}/api/v1`);
        expect(printed(error)).not.toContain(PASSWORD);
        expect(printed(error)).not.toContain(`${USER}:`);
        expect(sim.requestCount()).toBe(0);
      } finally {
        await sim.close();
      }
    });
  }
});
