import { LLMConfigError } from "@llmc/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GeminiAdapter } from "../src/index.js";
import { rejectionOf, useGeminiSimulator } from "./support/gemini-harness.js";

const ENV_KEY = "env-gemini-key-12345678";
const h = useGeminiSimulator({ apiKeys: ["sk-test", ENV_KEY] });

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("adapter construction", () => {
  it("takes the key from GEMINI_API_KEY before GOOGLE_API_KEY", async () => {
    vi.stubEnv("GEMINI_API_KEY", ENV_KEY);
    vi.stubEnv("GOOGLE_API_KEY", "some-other-google-key");
    // The SDK warns "Both … are set. Using GOOGLE_API_KEY." even when given a key; it is not used.
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const adapter = new GeminiAdapter({ baseURL: h.sim.gemini.baseUrl });
    // The simulator rejects the GOOGLE_API_KEY value: success proves GEMINI_API_KEY was sent.
    const result = await adapter.executePrompt("Hi", { model: "gemini-2.5-flash" });
    expect(result.text).toBe("Hello from the llmc simulator.");
  });

  it("falls back to GOOGLE_API_KEY", async () => {
    vi.stubEnv("GEMINI_API_KEY", "");
    vi.stubEnv("GOOGLE_API_KEY", ENV_KEY);
    const adapter = new GeminiAdapter({ baseURL: h.sim.gemini.baseUrl });
    await expect(adapter.executePrompt("Hi", { model: "gemini-2.5-flash" })).resolves.toBeDefined();
  });

  it("without any key, construction fails naming both variables", () => {
    vi.stubEnv("GEMINI_API_KEY", "");
    vi.stubEnv("GOOGLE_API_KEY", "");
    expect(() => new GeminiAdapter({ baseURL: h.sim.gemini.baseUrl })).toThrow(
      /GEMINI_API_KEY or GOOGLE_API_KEY/,
    );
  });

  it("`baseUrl`, the deprecated spelling of `baseURL`, still reaches the endpoint", async () => {
    const adapter = new GeminiAdapter({ apiKey: "sk-test", baseUrl: h.sim.gemini.baseUrl });
    const result = await adapter.executePrompt("Hi", { model: "gemini-2.5-flash" });
    expect(result.text).toBe("Hello from the llmc simulator.");
  });

  it("an unknown option is refused with the name it most likely meant", () => {
    expect(() => new GeminiAdapter({ apiKey: "sk-test", baseUri: "x" } as never)).toThrow(
      "Unknown GeminiAdapter option `baseUri`. Did you mean `baseURL`?",
    );
    expect(() => new GeminiAdapter({ apiKey: "sk-test", apiVerison: "v1" } as never)).toThrow(
      "Unknown GeminiAdapter option `apiVerison`. Did you mean `apiVersion`?",
    );
  });

  it("GOOGLE_GENAI_USE_VERTEXAI in the environment does not switch the backend", async () => {
    vi.stubEnv("GOOGLE_GENAI_USE_VERTEXAI", "true");
    const adapter = h.adapterWith({});
    await adapter.executePrompt("Hi", { model: "gemini-2.5-flash" });
    expect(h.sim.requests[0]?.path).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
  });
});

describe("per-call options", () => {
  it.each([
    [{ thinkingBudget: -2 }, "thinkingBudget"],
    [{ thinkingBudget: 1.5 }, "thinkingBudget"],
    [{ topK: 3 }, "topK"],
    [{ maxTokens: 10 }, "maxTokens"],
  ])("%j is refused before any request", async (extra, field) => {
    const error = await rejectionOf(
      h.adapter.executePrompt("Hi", { model: "gemini-2.5-flash", ...extra } as never),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(error).toMatchObject({ field });
    expect(h.sim.requestCount()).toBe(0);
  });

  it("a conversation of system messages only is refused before any request", async () => {
    const error = await rejectionOf(
      h.adapter.executePrompt([{ role: "system", content: "Rules only" }], {
        model: "gemini-2.5-flash",
      }),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(error).toMatchObject({ field: "prompt" });
    expect(h.sim.requestCount()).toBe(0);
  });
});
