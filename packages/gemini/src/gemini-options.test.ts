import { LLMConfigError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { resolveGeminiOptions } from "./gemini-options.js";

describe("resolveGeminiOptions", () => {
  it("prefers the explicit key, then GEMINI_API_KEY, then GOOGLE_API_KEY", () => {
    const env = { GEMINI_API_KEY: "gemini-key", GOOGLE_API_KEY: "google-key" };
    const key = (apiKey: string | undefined, from: Record<string, string>) =>
      resolveGeminiOptions({ apiKey }, from).apiKey;
    expect(key("explicit", env)).toBe("explicit");
    expect(key(undefined, env)).toBe("gemini-key");
    expect(key(undefined, { GOOGLE_API_KEY: "google-key" })).toBe("google-key");
    expect(key(undefined, { GEMINI_API_KEY: "  ", GOOGLE_API_KEY: "g" })).toBe("g");
  });

  it("without any key, a config error names both variables", () => {
    let thrown: unknown;
    try {
      resolveGeminiOptions({}, {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LLMConfigError);
    expect(thrown).toMatchObject({ field: "apiKey", provider: "gemini" });
    expect((thrown as Error).message).toBe(
      "No Gemini API key: pass `apiKey` to GeminiAdapter, or set the GEMINI_API_KEY or " +
        "GOOGLE_API_KEY environment variable.",
    );
  });

  it("takes `baseURL`, and `baseUrl` as its deprecated spelling; both must agree", () => {
    const env = { GEMINI_API_KEY: "k" };
    expect(resolveGeminiOptions({ baseURL: "http://127.0.0.1:9/" }, env).baseURL).toBe(
      "http://127.0.0.1:9",
    );
    expect(resolveGeminiOptions({ baseUrl: "http://127.0.0.1:9" }, env).baseURL).toBe(
      "http://127.0.0.1:9",
    );
    expect(resolveGeminiOptions({}, env)).toMatchObject({
      baseURL: undefined,
      apiVersion: "v1beta",
    });
    expect(() =>
      resolveGeminiOptions({ baseURL: "http://127.0.0.1:9", baseUrl: "http://127.0.0.1:8" }, env),
    ).toThrow("pass only `baseURL`");
    expect(() => resolveGeminiOptions({ baseURL: "127.0.0.1:9" }, env)).toThrow(
      "Invalid GeminiAdapter option `baseURL`",
    );
  });
});
