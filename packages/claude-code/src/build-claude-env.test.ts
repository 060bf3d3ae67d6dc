import { describe, expect, it } from "vitest";
import { buildClaudeEnv, type ClaudeEnvInput } from "./build-claude-env.js";

const base: ClaudeEnvInput = {
  parentEnv: {
    PATH: "/usr/bin:/bin",
    HOME: "/home/dev",
    LANG: "C.UTF-8",
    AWS_SECRET_ACCESS_KEY: "must-not-leak",
    NODE_OPTIONS: "--inspect",
    ANTHROPIC_API_KEY: "sk-ant-from-parent-env-000",
  },
  homeDir: "/tmp/claude-home",
  apiKey: undefined,
  authToken: undefined,
  baseUrl: undefined,
  extraEnv: undefined,
  maxOutputTokens: undefined,
  timeoutMs: undefined,
};

describe("buildClaudeEnv", () => {
  it("hands the CLI an explicit environment: nothing else of this process leaks", () => {
    expect(buildClaudeEnv(base)).toEqual({
      PATH: "/usr/bin:/bin",
      LANG: "C.UTF-8",
      HOME: "/tmp/claude-home",
      ANTHROPIC_API_KEY: "sk-ant-from-parent-env-000",
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_AUTOUPDATER: "1",
      DISABLE_TELEMETRY: "1",
      CLAUDE_CODE_MAX_RETRIES: "0",
    });
  });

  it("prefers the options' credentials and endpoint over the parent's", () => {
    const env = buildClaudeEnv({
      ...base,
      apiKey: "sk-ant-option-000000",
      authToken: "token-option-000000",
      baseUrl: "http://127.0.0.1:9999",
    });
    expect(env.ANTHROPIC_API_KEY).toBe("sk-ant-option-000000");
    expect(env.ANTHROPIC_AUTH_TOKEN).toBe("token-option-000000");
    expect(env.ANTHROPIC_BASE_URL).toBe("http://127.0.0.1:9999");
  });

  it("sets the output cap and a CLI request timeout above the call's deadline", () => {
    const env = buildClaudeEnv({ ...base, maxOutputTokens: 300, timeoutMs: 30_000 });
    expect(env.CLAUDE_CODE_MAX_OUTPUT_TOKENS).toBe("300");
    expect(Number(env.API_TIMEOUT_MS)).toBeGreaterThan(30_000);
  });

  it("lets `env` add and override defaults, but not the budget and retry guarantees", () => {
    const env = buildClaudeEnv({
      ...base,
      maxOutputTokens: 300,
      extraEnv: {
        DISABLE_TELEMETRY: "0",
        CLAUDE_CODE_USE_BEDROCK: "1",
        CLAUDE_CODE_MAX_RETRIES: "10",
        CLAUDE_CODE_MAX_OUTPUT_TOKENS: "64000",
      },
    });
    expect(env.DISABLE_TELEMETRY).toBe("0");
    expect(env.CLAUDE_CODE_USE_BEDROCK).toBe("1");
    expect(env.CLAUDE_CODE_MAX_RETRIES).toBe("0");
    expect(env.CLAUDE_CODE_MAX_OUTPUT_TOKENS).toBe("300");
  });
});
