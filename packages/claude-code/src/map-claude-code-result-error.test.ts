import {
  LLMAuthenticationError,
  LLMConnectionError,
  LLMContextLengthError,
  LLMInsufficientCreditsError,
  LLMInvalidResponseError,
  LLMModelNotFoundError,
  LLMProviderError,
  LLMRateLimitError,
} from "@llmc/core";
import { describe, expect, it } from "vitest";
import { ClaudeCodeMaxBudgetError, ClaudeCodeMaxTurnsError } from "./claude-code-errors.js";
import type { ClaudeResult } from "./claude-output.js";
import { mapClaudeResultError, type ResultErrorContext } from "./map-claude-code-result-error.js";

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
  costSource: "cli",
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

describe("mapClaudeResultError: subtypes and terminal reasons of CLI 2.1.332", () => {
  const stopped = (subtype: string, terminal: string | undefined) =>
    ({
      type: "result",
      subtype,
      is_error: true,
      errors: [`stopped: ${subtype}`],
      terminal_reason: terminal,
      total_cost_usd: 0.02,
    }) as ClaudeResult;

  it("maps the limit subtypes, or their terminal_reason alone, to typed errors", () => {
    for (const [subtype, terminal] of [
      ["error_max_turns", "max_turns"],
      ["error_during_execution", "max_turns"],
    ] as const) {
      expect(mapClaudeResultError(stopped(subtype, terminal), context)).toBeInstanceOf(
        ClaudeCodeMaxTurnsError,
      );
    }
    for (const [subtype, terminal] of [
      ["error_max_budget_usd", undefined],
      ["error_during_execution", "budget_exhausted"],
    ] as const) {
      expect(mapClaudeResultError(stopped(subtype, terminal), context)).toBeInstanceOf(
        ClaudeCodeMaxBudgetError,
      );
    }
    for (const [subtype, terminal] of [
      ["error_max_structured_output_retries", undefined],
      ["error_during_execution", "structured_output_retry_exhausted"],
      ["error_during_execution", "malformed_tool_use_exhausted"],
    ] as const) {
      const error = mapClaudeResultError(stopped(subtype, terminal), context);
      expect(error).toBeInstanceOf(LLMInvalidResponseError);
      expect(error).toMatchObject({ retryable: false, reportedCostUsd: 0.02 });
    }
  });

  it("maps context-limit and hook terminal reasons", () => {
    for (const terminal of ["prompt_too_long", "blocking_limit", "rapid_refill_breaker"]) {
      expect(
        mapClaudeResultError(stopped("error_during_execution", terminal), context),
      ).toBeInstanceOf(LLMContextLengthError);
    }
    const hook = mapClaudeResultError(stopped("success", "hook_stopped"), context);
    expect(hook).toBeInstanceOf(LLMProviderError);
    expect(hook).toMatchObject({ retryable: false });
    expect(hook.message).toContain("hook_stopped");
  });

  it('with costSource "price-table" carries the usage but not the CLI\'s figure', () => {
    const error = mapClaudeResultError(stopped("error_max_budget_usd", undefined), {
      ...context,
      costSource: "price-table",
    });
    expect(error.reportedCostUsd).toBeUndefined();
    expect(error.usage).toBeDefined();
  });
});
