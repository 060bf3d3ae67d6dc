import {
  BudgetTracker,
  LLMAuthenticationError,
  LLMContextLengthError,
  LLMInsufficientCreditsError,
  LLMModelNotFoundError,
  LLMProviderError,
  LLMRateLimitError,
} from "@llmc/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliHarness, processesIn, rejectionOf, startCliHarness } from "./helpers.js";

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

  it("429 → LLMRateLimitError (retryable)", async () => {
    const error = await failWith({ fault: "rate-limit", retryAfterMs: 10 });
    expect(error).toBeInstanceOf(LLMRateLimitError);
    expect(error).toMatchObject({ status: 429, retryable: true });
    expect(error.message).toContain("429");
  });

  it("529 overloaded → retryable LLMProviderError", async () => {
    const error = await failWith({ fault: "overloaded" });
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(error).toMatchObject({ status: 529, retryable: true });
  });

  it("400 prompt too long → LLMContextLengthError", async () => {
    const error = await failWith({ fault: "context-length" });
    expect(error).toBeInstanceOf(LLMContextLengthError);
    expect(error.retryable).toBe(false);
  });

  it("400 credit balance too low → LLMInsufficientCreditsError", async () => {
    const error = await failWith({ fault: "insufficient-credits" });
    expect(error).toBeInstanceOf(LLMInsufficientCreditsError);
    expect(error.retryable).toBe(false);
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

  it("core retries a 429 (the CLI does not) and the second attempt succeeds", async () => {
    const { sim } = harness;
    sim.reset();
    sim.script(
      "anthropic",
      { fault: "rate-limit", retryAfterMs: 10 },
      { usage: { inputTokens: 1000, outputTokens: 500 } },
    );
    const budget = new BudgetTracker({ total: 1 });
    const result = await harness.adapter({ maxRetries: 1 }).executePrompt("Say hello", {
      model: "claude-sonnet-4-5",
      maxOutputTokens: 600,
      budgetTracker: budget,
    });
    expect(result.attempts).toBe(2);
    expect(sim.requestCount("anthropic")).toBe(2);
    expect(budget.spent).toBe(0.0105);
    expect(budget.reserved).toBe(0);
    expect(await processesIn(harness.cwd)).toEqual([]);
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

  it("never shows the key in an error, even when the server echoes it", async () => {
    keyed.sim.script("anthropic", {
      fault: "http-error",
      status: 429,
      message: `Rate limited for key ${key}`,
    });
    const error = await rejectionOf(
      keyed.adapter().executePrompt("Say hello", { model: "claude-sonnet-4-5" }),
    );
    expect(error).toBeInstanceOf(LLMRateLimitError);
    // The CLI repeated the server's message; the registered key is masked.
    expect(error.message).toContain("Rate limited for key [REDACTED]");
    expect(error.message).not.toContain(key);
    expect(JSON.stringify(error)).not.toContain(key);
    expect(String(error.stack)).not.toContain(key);
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
