import { LLMAuthenticationError, type LLMError } from "@llmc/core";
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

  it("a key echoed back by the provider is masked, whatever its shape", async () => {
    const key = "or-custom-token-0f9e8d7c6b5a";
    const sim = await startSimulator({ apiKeys: [key] });
    try {
      sim.script("openrouter", {
        fault: "http-error",
        status: 401,
        message: `Key ${key} was revoked`,
      });
      const adapter = new OpenRouterAdapter({ apiKey: key, baseURL: sim.openrouter.baseURL });
      const error = await rejectionOf(adapter.executePrompt("Hi", { model: "openai/gpt-4o-mini" }));
      expect((error as LLMError).message).toBe("OpenRouter 401: Key [REDACTED] was revoked");
      expect(printed(error)).not.toContain(key);
    } finally {
      await sim.close();
    }
  });
});
