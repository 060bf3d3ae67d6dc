import { LLMConfigError } from "@llmc/core";
import { resolveChatCompletionsConnection } from "@llmc/openai-compatible";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OpenRouterAdapter } from "../src/openrouter-adapter.js";
import { openRouterDialectFor } from "../src/openrouter-dialect.js";
import {
  OPENROUTER_DEFAULT_BASE_URL,
  type OpenRouterAdapterOptions,
} from "../src/openrouter-options.js";
import { TEST_KEY, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

/** How OpenRouterAdapter settles its connection: the shared resolution with its dialect. */
function resolveOpenRouterOptions(
  options: OpenRouterAdapterOptions,
  vars: Readonly<Record<string, string | undefined>>,
) {
  const dialect = openRouterDialectFor(options);
  const { apiKey, baseURL } = resolveChatCompletionsConnection(
    options,
    dialect,
    "OpenRouterAdapter",
    vars,
  );
  return { apiKey, baseURL, headers: { ...dialect.defaultHeaders, ...options.defaultHeaders } };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("OpenRouter options", () => {
  it("a missing key is a config error that names OPENROUTER_API_KEY (not OPENAI_API_KEY)", () => {
    expect(() => resolveOpenRouterOptions({}, { OPENAI_API_KEY: "sk-openai" })).toThrow(
      "No OpenRouter API key: pass `apiKey` to OpenRouterAdapter, or set the OPENROUTER_API_KEY environment variable.",
    );
    try {
      resolveOpenRouterOptions({}, {});
    } catch (error) {
      expect(error).toBeInstanceOf(LLMConfigError);
      expect(error).toMatchObject({ field: "apiKey", provider: "openrouter" });
    }
  });

  it("defaults to OpenRouter's URL and ignores OPENAI_BASE_URL", () => {
    expect(
      resolveOpenRouterOptions(
        {},
        { OPENROUTER_API_KEY: "k", OPENAI_BASE_URL: "http://elsewhere/v1" },
      ),
    ).toEqual({ apiKey: "k", baseURL: OPENROUTER_DEFAULT_BASE_URL, headers: {} });
  });

  it("reads OPENROUTER_BASE_URL when no baseURL is passed; an explicit baseURL wins", () => {
    const vars = { OPENROUTER_API_KEY: "k", OPENROUTER_BASE_URL: "http://127.0.0.1:1/api/v1" };
    expect(resolveOpenRouterOptions({}, vars).baseURL).toBe("http://127.0.0.1:1/api/v1");
    expect(resolveOpenRouterOptions({ baseURL: "http://127.0.0.1:2/api/v1" }, vars).baseURL).toBe(
      "http://127.0.0.1:2/api/v1",
    );
    expect(resolveOpenRouterOptions({}, { ...vars, OPENROUTER_BASE_URL: " " }).baseURL).toBe(
      OPENROUTER_DEFAULT_BASE_URL,
    );
  });

  it("sends its requests to OPENROUTER_BASE_URL from the environment", async () => {
    vi.stubEnv("OPENROUTER_BASE_URL", env.sim.openrouter.baseURL);
    const adapter = new OpenRouterAdapter({ apiKey: TEST_KEY });
    expect(adapter.baseURL).toBe(env.sim.openrouter.baseURL);
    const result = await adapter.executePrompt("Hi", { model: "openai/gpt-4o-mini" });
    expect(result.provider).toBe("openrouter");
    expect(env.sim.requestCount("openrouter")).toBe(1);
  });

  it("attribution headers, overridable by defaultHeaders", () => {
    expect(
      resolveOpenRouterOptions(
        {
          apiKey: "k",
          appUrl: "https://a.example",
          appName: "A",
          defaultHeaders: { "X-Title": "B" },
        },
        {},
      ).headers,
    ).toEqual({ "HTTP-Referer": "https://a.example", "X-Title": "B" });
  });

  it("reads OPENROUTER_API_KEY from the environment", async () => {
    vi.stubEnv("OPENROUTER_API_KEY", TEST_KEY);
    const adapter = new OpenRouterAdapter({ baseURL: env.sim.openrouter.baseURL });
    const result = await adapter.executePrompt("Hi", { model: "openai/gpt-4o-mini" });
    expect(result.provider).toBe("openrouter");
  });

  it("the price table is dated and every entry has an output ceiling", () => {
    const adapter = new OpenRouterAdapter({ apiKey: TEST_KEY });
    expect(adapter.baseURL).toBe(OPENROUTER_DEFAULT_BASE_URL);
    expect(adapter.priceTable.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const [model, price] of Object.entries(adapter.priceTable.models)) {
      expect(model).toMatch(/^[a-z0-9-]+\/[a-z0-9.-]+$/);
      expect(price.maxOutputTokens, model).toBeGreaterThan(0);
    }
  });
});
