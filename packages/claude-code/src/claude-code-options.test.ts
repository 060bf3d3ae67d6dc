import { LLMConfigError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { ClaudeCodeAdapter } from "./claude-code-adapter.js";
import { type ClaudeCodeOptions, claudeBaseURL } from "./claude-code-options.js";

function configErrorOf(options: unknown): LLMConfigError {
  try {
    new ClaudeCodeAdapter(options as ClaudeCodeOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(LLMConfigError);
    return error as LLMConfigError;
  }
  throw new Error("expected the constructor to throw");
}

describe("ClaudeCodeAdapter options", () => {
  it("accepts none at all, and core's own options", () => {
    expect(new ClaudeCodeAdapter().provider).toBe("claude-code");
    expect(
      () => new ClaudeCodeAdapter({ maxRetries: 1, timeoutMs: 1000, maxConcurrency: 2 }),
    ).not.toThrow();
  });

  it("rejects an unknown option, naming it and the one it most likely meant", () => {
    expect(configErrorOf({ tool: ["Read"] })).toMatchObject({
      field: "tool",
      message: "Unknown ClaudeCodeAdapter option `tool`. Did you mean `tools`?",
    });
    expect(configErrorOf({ baseUri: "http://127.0.0.1:1" }).message).toBe(
      "Unknown ClaudeCodeAdapter option `baseUri`. Did you mean `baseURL`?",
    );
  });

  it("takes `baseURL`, the name every adapter uses, and still `baseUrl` (deprecated)", () => {
    const url = "http://127.0.0.1:9";
    expect(() => new ClaudeCodeAdapter({ baseURL: url })).not.toThrow();
    expect(() => new ClaudeCodeAdapter({ baseUrl: url })).not.toThrow();
    expect(() => new ClaudeCodeAdapter({ baseURL: url, baseUrl: url })).not.toThrow();
    // Either spelling becomes ANTHROPIC_BASE_URL (the CLI tests all pass `baseURL`).
    expect(claudeBaseURL({ baseUrl: url })).toBe(url);
    expect(claudeBaseURL({ baseURL: url })).toBe(url);
    expect(configErrorOf({ baseURL: url, baseUrl: "http://127.0.0.1:8" })).toMatchObject({
      field: "baseURL",
      message: expect.stringContaining("pass only `baseURL`"),
    });
  });

  it("rejects wrong values, naming the field", () => {
    expect(configErrorOf({ tools: ["Read,Write"] }).field).toBe("tools.0");
    expect(configErrorOf({ maxCallCostUsd: 0 }).field).toBe("maxCallCostUsd");
    expect(configErrorOf({ permissionMode: "yolo" }).field).toBe("permissionMode");
    expect(configErrorOf({ maxTurns: 1.5 }).field).toBe("maxTurns");
  });

  it("rejects unknown per-call options before anything runs", async () => {
    const adapter = new ClaudeCodeAdapter({ executable: "/nonexistent/claude" });
    await expect(
      adapter.executePrompt("Hi", { model: "sonnet", maxBudgetUsd: 1 } as never),
    ).rejects.toMatchObject({ name: "LLMConfigError", field: "maxBudgetUsd" });
    await expect(
      adapter.executePrompt("Hi", { model: "sonnet", maxCallCostUsd: -1 }),
    ).rejects.toMatchObject({ name: "LLMConfigError", field: "maxCallCostUsd" });
  });
});

describe("arguments the OS cannot take", () => {
  it("a system prompt with a NUL byte → LLMConfigError, no process", async () => {
    const adapter = new ClaudeCodeAdapter({ executable: "/nonexistent/claude" });
    await expect(
      adapter.executePrompt("Hi", { model: "sonnet", systemPrompt: "bad\u0000prompt" }),
    ).rejects.toMatchObject({
      name: "LLMConfigError",
      message: expect.stringContaining("null bytes"),
    });
  });
});
