import { LLMConfigError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { resolveGeminiApiKey } from "./resolve-gemini-api-key.js";

describe("resolveGeminiApiKey", () => {
  it("prefers the explicit key, then GEMINI_API_KEY, then GOOGLE_API_KEY", () => {
    const env = { GEMINI_API_KEY: "gemini-key", GOOGLE_API_KEY: "google-key" };
    expect(resolveGeminiApiKey("explicit", env)).toBe("explicit");
    expect(resolveGeminiApiKey(undefined, env)).toBe("gemini-key");
    expect(resolveGeminiApiKey(undefined, { GOOGLE_API_KEY: "google-key" })).toBe("google-key");
    expect(resolveGeminiApiKey(undefined, { GEMINI_API_KEY: "  ", GOOGLE_API_KEY: "g" })).toBe("g");
  });

  it("without any key, a config error names both variables", () => {
    let thrown: unknown;
    try {
      resolveGeminiApiKey(undefined, {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LLMConfigError);
    expect(thrown).toMatchObject({ field: "apiKey", provider: "gemini" });
    expect((thrown as Error).message).toContain("GEMINI_API_KEY");
    expect((thrown as Error).message).toContain("GOOGLE_API_KEY");
  });
});
