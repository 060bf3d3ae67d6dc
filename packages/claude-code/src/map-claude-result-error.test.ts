import {
  LLMAuthenticationError,
  LLMConnectionError,
  LLMContextLengthError,
  LLMInsufficientCreditsError,
  LLMModelNotFoundError,
  LLMProviderError,
  LLMRateLimitError,
} from "@llmc/core";
import { describe, expect, it } from "vitest";
import { ClaudeCodeMaxBudgetError, ClaudeCodeMaxTurnsError } from "./claude-code-errors.js";
import type { ClaudeResult } from "./claude-output.js";
import { mapClaudeResultError, type ResultErrorContext } from "./map-claude-result-error.js";

// Result lines as CLI 2.1.197 prints them (see the notes on the CLI), trimmed to what is read.
const apiError = (status: number | null, result: string, extra: Partial<ClaudeResult> = {}) =>
  ({
    type: "result",
    subtype: "success",
    is_error: true,
    api_error_status: status,
    result,
    total_cost_usd: 0,
    ...extra,
  }) as ClaudeResult;

const context: ResultErrorContext = {
  model: "claude-sonnet-4-5",
  maxTurns: 1,
  capUsd: undefined,
  exitCode: 1,
};

describe("mapClaudeResultError", () => {
  it("maps api_error_status to core's error classes, keeping the CLI's message", () => {
    const auth = mapClaudeResultError(
      apiError(401, "Invalid API key · Fix external API key"),
      context,
    );
    expect(auth).toBeInstanceOf(LLMAuthenticationError);
    expect(auth.message).toBe("Claude Code: Invalid API key · Fix external API key");
    expect(auth).toMatchObject({ status: 401, retryable: false, provider: "claude-code" });

    const rate = mapClaudeResultError(
      apiError(429, "API Error: Request rejected (429) · slow down"),
      context,
    );
    expect(rate).toBeInstanceOf(LLMRateLimitError);
    expect(rate.retryable).toBe(true);

    for (const status of [500, 529]) {
      const error = mapClaudeResultError(apiError(status, `API Error: ${status}`), context);
      expect(error).toBeInstanceOf(LLMProviderError);
      expect(error).toMatchObject({ status, retryable: true });
    }

    const missing = mapClaudeResultError(apiError(404, "model: nope"), context);
    expect(missing).toBeInstanceOf(LLMModelNotFoundError);
    expect(missing).toMatchObject({ model: "claude-sonnet-4-5" });
  });

  it("recognises a prompt that is too long and a credit balance that is too low", () => {
    const long = mapClaudeResultError(
      apiError(400, "Prompt is too long", { terminal_reason: "prompt_too_long" }),
      context,
    );
    expect(long).toBeInstanceOf(LLMContextLengthError);
    const broke = mapClaudeResultError(
      apiError(400, "API Error: 400 Your credit balance is too low to access the Anthropic API."),
      context,
    );
    expect(broke).toBeInstanceOf(LLMInsufficientCreditsError);
    expect(broke.retryable).toBe(false);
  });

  it("reads errors without a status from their message", () => {
    const notLoggedIn = mapClaudeResultError(
      apiError(null, "Not logged in · Please run /login"),
      context,
    );
    expect(notLoggedIn).toBeInstanceOf(LLMAuthenticationError);
    expect(notLoggedIn.message).toContain("pass `apiKey`");

    const overloaded = mapClaudeResultError(
      apiError(null, "API Error: Repeated 529 Overloaded errors · check your inference gateway"),
      context,
    );
    expect(overloaded).toMatchObject({ status: 529, retryable: true });

    const reset = mapClaudeResultError(
      apiError(null, "API Error: Unable to connect to API (ECONNRESET)"),
      context,
    );
    expect(reset).toBeInstanceOf(LLMConnectionError);
    expect(reset.retryable).toBe(true);

    const unknown = mapClaudeResultError(apiError(null, "Something else"), context);
    expect(unknown).toBeInstanceOf(LLMProviderError);
    expect(unknown.retryable).toBe(false);
  });

  it("maps error_max_turns (which has no result text) and carries its cost", () => {
    const error = mapClaudeResultError(
      {
        type: "result",
        subtype: "error_max_turns",
        is_error: true,
        num_turns: 2,
        stop_reason: "tool_use",
        total_cost_usd: 0.0105,
        errors: ["Reached maximum number of turns (1)"],
        modelUsage: {
          "claude-sonnet-4-5": { inputTokens: 1000, outputTokens: 500, costUSD: 0.0105 },
        },
      },
      context,
    );
    expect(error).toBeInstanceOf(ClaudeCodeMaxTurnsError);
    expect(error).toMatchObject({
      message: "Claude Code: Reached maximum number of turns (1)",
      maxTurns: 1,
      numTurns: 2,
      reportedCostUsd: 0.0105,
      usage: { inputTokens: 1000, outputTokens: 500, totalTokens: 1500 },
    });
  });

  it("maps error_max_budget_usd and carries the whole cost so core charges it", () => {
    const error = mapClaudeResultError(
      {
        type: "result",
        subtype: "error_max_budget_usd",
        is_error: true,
        total_cost_usd: 1.05,
        errors: ["Reached maximum budget ($0.01)"],
      },
      { ...context, capUsd: 0.01 },
    );
    expect(error).toBeInstanceOf(ClaudeCodeMaxBudgetError);
    expect(error).toMatchObject({ capUsd: 0.01, reportedCostUsd: 1.05, retryable: false });
  });
});
