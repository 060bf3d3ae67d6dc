import {
  BudgetTracker,
  LLMAuthenticationError,
  LLMModelNotFoundError,
  LLMProviderError,
  LLMRateLimitError,
} from "@llmc/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliHarness, rejectionOf, startCliHarness } from "./helpers.js";

// API failures as the real CLI reports them: a result line with is_error and
// api_error_status, exit code 1. CLAUDE_CODE_MAX_RETRIES=0 is set by the adapter, so each
// failure costs exactly one request; retrying is core's job.
let harness: CliHarness;
beforeAll(async () => {
  harness = await startCliHarness();
});
afterAll(async () => {
  await harness.close();
});

async function failWith(step: Parameters<CliHarness["sim"]["script"]>[1]) {
  const { sim } = harness;
  sim.reset();
  sim.script("anthropic", step);
  const budget = new BudgetTracker({ total: 1 });
  const error = await rejectionOf(
    harness.adapter().executePrompt("Say hello", {
      model: "claude-sonnet-4-5",
      maxOutputTokens: 100,
      budgetTracker: budget,
    }),
  );
  // One request, nothing charged (the CLI reports $0 for a refused request), nothing held.
  expect(sim.requestCount("anthropic")).toBe(1);
  expect(budget.spent).toBe(0);
  expect(budget.reserved).toBe(0);
  return error;
}

describe("API errors through the real CLI", () => {
  it("401 → LLMAuthenticationError", async () => {
    const error = await failWith({ fault: "auth" });
    expect(error).toBeInstanceOf(LLMAuthenticationError);
    expect(error).toMatchObject({
      status: 401,
      retryable: false,
      provider: "claude-code",
      message: "Claude Code: Invalid API key · Fix external API key",
    });
  });

  it("529 overloaded → retryable LLMProviderError", async () => {
    const error = await failWith({ fault: "overloaded" });
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({ status: 529, retryable: true });
  });

  it("404 → LLMModelNotFoundError, after the CLI's own non-streaming retry", async () => {
    const { sim } = harness;
    sim.reset();
    sim.setDefault("anthropic", { fault: "model-not-found" });
    const error = await rejectionOf(
      harness.adapter().executePrompt("Say hello", { model: "claude-nope-1" }),
    );
    expect(error).toBeInstanceOf(LLMModelNotFoundError);
    expect(error).toMatchObject({ model: "claude-nope-1", retryable: false });
    // The CLI re-sends a failed stream once without streaming, whatever its retry setting.
    expect(sim.requests.filter((request) => request.provider).map((r) => r.stream)).toEqual([
      true,
      false,
    ]);
  });
});

describe("credentials", () => {
  it("no key at all → LLMAuthenticationError with a hint, before any request", async () => {
    const { sim } = harness;
    sim.reset();
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      const error = await rejectionOf(
        harness.adapter({ apiKey: undefined }).executePrompt("Say hello", {
          model: "claude-sonnet-4-5",
        }),
      );
      expect(error).toBeInstanceOf(LLMAuthenticationError);
      expect(error.message).toContain("Not logged in");
      expect(error.message).toContain("pass `apiKey`");
      expect(sim.requestCount()).toBe(0);
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });
});

describe("secrets", () => {
  const key = "llmc-claude-test-key-0123456789";
  const token = "llmc-gateway-token-9876543210";
  let keyed: CliHarness;
  beforeAll(async () => {
    keyed = await startCliHarness({ apiKeys: [key, token] });
  });
  afterAll(async () => {
    await keyed.close();
  });

  it("never shows a token handed over in the `env` option, when the server echoes it", async () => {
    keyed.sim.reset();
    keyed.sim.script("anthropic", {
      fault: "http-error",
      status: 429,
      message: `Rate limited for token ${token}`,
    });
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      // Only a bearer token (as for a gateway): the CLI sends it as `Authorization: Bearer`.
      const adapter = keyed.adapter({ apiKey: undefined, env: { ANTHROPIC_AUTH_TOKEN: token } });
      const error = await rejectionOf(
        adapter.executePrompt("Say hello", { model: "claude-sonnet-4-5" }),
      );
      expect(error).toBeInstanceOf(LLMRateLimitError);
      expect(error.message).toContain("Rate limited for token [REDACTED]");
      const everything = `${error.message}\n${String(error.stack)}\n${JSON.stringify(error)}`;
      expect(everything).not.toContain(token);
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });
});
