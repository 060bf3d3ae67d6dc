import { chmod, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BudgetTracker, LLMConfigError, LLMProviderError } from "@llmc/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ClaudeCodeAdapter, type ClaudeCodeOptions } from "../src/index.js";
import { FAKE_CLAUDE, killHard, processesIn, rejectionOf, testRunEnv } from "./helpers.js";

// What the adapter does with a result line, played by the fake CLI (cheap: no real CLI start).
let dir: string;
let runs = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "llmc-fake-results-"));
  await chmod(FAKE_CLAUDE, 0o755);
});
afterEach(async () => {
  killHard(await processesIn(dir));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An adapter on the fake; returns it with the file its argv of every start is logged to. */
function fake(env: Record<string, string>, options: ClaudeCodeOptions = {}) {
  const log = join(dir, `argv-${++runs}.jsonl`);
  const adapter = new ClaudeCodeAdapter({
    executable: FAKE_CLAUDE,
    cwd: dir,
    homeDir: dir,
    apiKey: "sk-test",
    maxRetries: 0,
    ...options,
    env: testRunEnv({ FAKE_CLAUDE_LOG: log, ...env, ...options.env }),
  });
  const starts = async (): Promise<string[][]> =>
    (await readFile(log, "utf8").catch(() => ""))
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as string[]);
  return { adapter, starts };
}

const success = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: "result",
    subtype: "success",
    is_error: false,
    result: "Hi.",
    stop_reason: "end_turn",
    total_cost_usd: 0.035,
    modelUsage: {
      "my-local-model": {
        inputTokens: 1000,
        outputTokens: 1200,
        cacheReadInputTokens: 0,
        cacheCreationInputTokens: 0,
        costUSD: 0.035,
      },
    },
    ...extra,
  });

describe("the CLI's version", () => {
  it("is read once per adapter, before the first call", async () => {
    const { adapter, starts } = fake({ FAKE_CLAUDE_MODE: "result", FAKE_CLAUDE_RESULT: success() });
    await Promise.all([
      adapter.executePrompt("Hi", { model: "claude-sonnet-4-5" }),
      adapter.executePrompt("Hi", { model: "claude-sonnet-4-5" }),
    ]);
    await adapter.executePrompt("Hi", { model: "claude-sonnet-4-5" });
    const versionReads = (await starts()).filter((argv) => argv[0] === "--version");
    expect(versionReads).toHaveLength(1);
    expect((await starts()).filter((argv) => argv[0] === "-p")).toHaveLength(3);
  });

  it("a CLI older than 2.1.81 is refused with LLMConfigError naming the version needed", async () => {
    const { adapter, starts } = fake({
      FAKE_CLAUDE_MODE: "result",
      FAKE_CLAUDE_RESULT: success(),
      FAKE_CLAUDE_VERSION: "2.1.80 (Claude Code)",
    });
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(
      adapter.executePrompt("Hi", { model: "claude-sonnet-4-5", budgetTracker: budget }),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(error).toMatchObject({ field: "executable", retryable: false });
    expect(error.message).toContain("Claude Code 2.1.80 is too old");
    expect(error.message).toContain("needs 2.1.81 or newer (for `--bare`)");
    // No run started, nothing charged.
    expect((await starts()).map((argv) => argv[0])).toEqual(["--version"]);
    expect(budget.spent).toBe(0);
    expect(budget.reserved).toBe(0);
  });

  it("an executable that prints no version → LLMProviderError quoting what it printed", async () => {
    const { adapter } = fake({ FAKE_CLAUDE_VERSION: "not a version" });
    const error = await rejectionOf(adapter.executePrompt("Hi", { model: "claude-sonnet-4-5" }));
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error.message).toContain('it printed: "not a version"');
  });
});

describe("--bare", () => {
  const argvOf = async (options: ClaudeCodeOptions) => {
    const { adapter, starts } = fake(
      { FAKE_CLAUDE_MODE: "result", FAKE_CLAUDE_RESULT: success() },
      options,
    );
    await adapter.executePrompt("Hi", { model: "claude-sonnet-4-5" });
    return (await starts()).find((argv) => argv[0] === "-p")!;
  };

  it("is on by default when the CLI gets an API key, off with only a login or a token", async () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      expect(await argvOf({})).toContain("--bare");
      expect(
        await argvOf({ apiKey: undefined, env: { ANTHROPIC_API_KEY: "sk-in-env-0000" } }),
      ).toContain("--bare");
      expect(await argvOf({ apiKey: undefined })).not.toContain("--bare");
      expect(await argvOf({ apiKey: undefined, authToken: "gateway-token-0000" })).not.toContain(
        "--bare",
      );
      expect(await argvOf({ bare: false })).not.toContain("--bare");
      expect(await argvOf({ apiKey: undefined, bare: true })).toContain("--bare");
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });
});

describe("secrets handed to the CLI through `env`", () => {
  it("are masked when the CLI echoes them", async () => {
    const secrets = {
      ANTHROPIC_AUTH_TOKEN: "gw-token-4f1d2c9a8b7e",
      ANTHROPIC_API_KEY: "plain-key-without-prefix-77aa",
      MY_GATEWAY_KEY: "gateway-key-0c0ffee0c0ffee",
      AWS_SECRET_ACCESS_KEY: "aws-secret-value-123456",
      AWS_SESSION_TOKEN: "aws-session-token-abcdef",
    };
    const echoed = Object.keys(secrets)
      .map((name) => `${name}=$ENV{${name}}`)
      .join(" ");
    const { adapter } = fake(
      {
        FAKE_CLAUDE_MODE: "result",
        FAKE_CLAUDE_EXIT: "1",
        FAKE_CLAUDE_RESULT: JSON.stringify({
          type: "result",
          subtype: "success",
          is_error: true,
          api_error_status: 401,
          result: `Invalid credentials: ${echoed}`,
          total_cost_usd: 0,
        }),
      },
      { apiKey: undefined, env: secrets },
    );
    const error = await rejectionOf(adapter.executePrompt("Hi", { model: "claude-sonnet-4-5" }));
    expect(error.message).toContain("ANTHROPIC_AUTH_TOKEN=[REDACTED]");
    expect(error.message).toContain("MY_GATEWAY_KEY=[REDACTED]");
    const everything = `${error.message}\n${String(error.stack)}\n${JSON.stringify(error)}`;
    for (const value of Object.values(secrets)) expect(everything).not.toContain(value);
  });
});

describe("a result line of 24 MB", () => {
  it("is read whole (the line reader is linear)", async () => {
    const chars = 24 * 1024 * 1024;
    const { adapter } = fake({
      FAKE_CLAUDE_MODE: "big-result",
      FAKE_CLAUDE_TEXT_CHARS: String(chars),
    });
    const result = await adapter.executePrompt("Hi", { model: "claude-sonnet-4-5" });
    expect(result.text.length).toBe(chars);
    expect(result.costUsd).toBe(0.001);
  });
});

describe("costSource", () => {
  const localModel = { inputPerMTok: 0.1, outputPerMTok: 0.2, maxOutputTokens: 4096 };

  it('"cli" (default): the budget is charged the CLI\'s total_cost_usd, Claude rates and all', async () => {
    const { adapter } = fake(
      { FAKE_CLAUDE_MODE: "result", FAKE_CLAUDE_RESULT: success() },
      { prices: { "my-local-model": localModel } },
    );
    const budget = new BudgetTracker({ total: 1 });
    const result = await adapter.executePrompt("Hi", {
      model: "my-local-model",
      budgetTracker: budget,
    });
    expect(result).toMatchObject({ costUsd: 0.035, costSource: "provider" });
    expect(budget.spent).toBe(0.035);
  });

  it('"price-table": the usage is priced with the adapter\'s prices instead', async () => {
    const { adapter } = fake(
      { FAKE_CLAUDE_MODE: "result", FAKE_CLAUDE_RESULT: success() },
      { prices: { "my-local-model": localModel }, costSource: "price-table" },
    );
    const budget = new BudgetTracker({ total: 1 });
    const result = await adapter.executePrompt("Hi", {
      model: "my-local-model",
      budgetTracker: budget,
    });
    // 1000 × $0.10 + 1200 × $0.20 per MTok = $0.00034; the CLI said $0.035.
    expect(result).toMatchObject({ costUsd: 0.00034, costSource: "price-table" });
    expect(result.providerMetadata.cliCostUsd).toBe(0.035);
    expect(budget.spent).toBe(0.00034);
    expect(budget.reserved).toBe(0);
  });

  it('"price-table" without a price for the model refuses a budgeted call before any run', async () => {
    const { adapter, starts } = fake(
      { FAKE_CLAUDE_MODE: "result", FAKE_CLAUDE_RESULT: success() },
      { costSource: "price-table" },
    );
    const error = await rejectionOf(
      adapter.executePrompt("Hi", {
        model: "my-local-model",
        maxOutputTokens: 100,
        budgetTracker: new BudgetTracker({ total: 1 }),
      }),
    );
    expect(error).toBeInstanceOf(LLMConfigError);
    expect(error).toMatchObject({ field: "model" });
    expect(await starts()).toEqual([]);
  });
});
