import { LLMConfigError } from "@llmc/core";
import { resolveChatCompletionsConnection } from "@llmc/openai-compatible";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OpenAIAdapter } from "../src/openai-adapter.js";
import { openAIDialectFor } from "../src/openai-dialect.js";
import { OPENAI_DEFAULT_BASE_URL, type OpenAIAdapterOptions } from "../src/openai-options.js";
import { TEST_KEY, useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

afterEach(() => {
  vi.unstubAllEnvs();
});

/** How OpenAIAdapter settles its connection: the shared resolution with OpenAI's dialect. */
const resolve = (
  options: OpenAIAdapterOptions,
  env: Readonly<Record<string, string | undefined>>,
) => {
  const dialect = openAIDialectFor(options, env);
  const { apiKey, baseURL } = resolveChatCompletionsConnection(
    options,
    dialect,
    "OpenAIAdapter",
    env,
  );
  return { apiKey, baseURL, headers: dialect.defaultHeaders };
};

describe("OpenAI's connection settings", () => {
  it("a missing key is a config error that names the environment variable", () => {
    expect(() => resolve({}, {})).toThrow(LLMConfigError);
    expect(() => resolve({ apiKey: " " }, {})).toThrow(/OPENAI_API_KEY/);
    try {
      resolve({}, {});
    } catch (error) {
      expect(error).toMatchObject({ field: "apiKey", provider: "openai" });
    }
  });

  it("explicit options win over the environment, which wins over the SDK default", () => {
    const fromEnv = {
      OPENAI_API_KEY: "sk-env",
      OPENAI_BASE_URL: "http://proxy.internal/v1",
      OPENAI_ORG_ID: "org-env",
      OPENAI_PROJECT_ID: "proj-env",
    };
    expect(resolve({}, fromEnv)).toEqual({
      apiKey: "sk-env",
      baseURL: "http://proxy.internal/v1",
      headers: { "OpenAI-Organization": "org-env", "OpenAI-Project": "proj-env" },
    });
    expect(
      resolve(
        { apiKey: "sk-mine", baseURL: "http://127.0.0.1:1/v1", organization: "o", project: "p" },
        fromEnv,
      ),
    ).toEqual({
      apiKey: "sk-mine",
      baseURL: "http://127.0.0.1:1/v1",
      headers: { "OpenAI-Organization": "o", "OpenAI-Project": "p" },
    });
    expect(resolve({}, { OPENAI_API_KEY: "sk-env" })).toEqual({
      apiKey: "sk-env",
      baseURL: OPENAI_DEFAULT_BASE_URL,
      headers: undefined,
    });
  });
});

describe("OpenAIAdapter construction", () => {
  it("throws LLMConfigError when no key is given and OPENAI_API_KEY is unset", () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    expect(() => new OpenAIAdapter()).toThrow(
      "No OpenAI API key: pass `apiKey` to OpenAIAdapter, or set the OPENAI_API_KEY environment variable.",
    );
  });

  it("reads OPENAI_API_KEY and OPENAI_BASE_URL from the environment when not given", async () => {
    vi.stubEnv("OPENAI_API_KEY", TEST_KEY);
    vi.stubEnv("OPENAI_BASE_URL", env.sim.openai.baseURL);
    const adapter = new OpenAIAdapter();
    expect(adapter.baseURL).toBe(env.sim.openai.baseURL);
    const result = await adapter.executePrompt("Hi", { model: "gpt-4o-mini" });
    expect(result.provider).toBe("openai");
    expect(env.sim.requestCount("openai")).toBe(1);
  });

  it("an explicit baseURL wins over OPENAI_BASE_URL", async () => {
    vi.stubEnv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
    const adapter = new OpenAIAdapter({ apiKey: TEST_KEY, baseURL: env.sim.openai.baseURL });
    expect(adapter.baseURL).toBe(env.sim.openai.baseURL);
    await adapter.executePrompt("Hi", { model: "gpt-4o-mini" });
    expect(env.sim.requestCount("openai")).toBe(1);
  });

  it("the price table is dated and has an output ceiling for every model", () => {
    const adapter = new OpenAIAdapter({ apiKey: TEST_KEY });
    expect(adapter.priceTable.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const [model, price] of Object.entries(adapter.priceTable.models)) {
      expect(price.maxOutputTokens, model).toBeGreaterThan(0);
      expect(price.inputPerMTok, model).toBeGreaterThan(0);
      expect(price.outputPerMTok, model).toBeGreaterThanOrEqual(price.inputPerMTok);
    }
  });
});
