import {
  LLMAuthenticationError,
  LLMConnectionError,
  LLMContextLengthError,
  type LLMError,
  type LLMErrorOptions,
  LLMInsufficientCreditsError,
  LLMInvalidResponseError,
  LLMModelNotFoundError,
  LLMPermissionError,
  LLMProviderError,
  LLMRateLimitError,
} from "@llmc/core";
import { ClaudeCodeMaxBudgetError, ClaudeCodeMaxTurnsError } from "./claude-code-errors.js";
import type { ClaudeResult } from "./claude-output.js";
import { claudeReportedCost } from "./claude-reported-cost.js";
import { convertClaudeUsage } from "./convert-claude-code-usage.js";

export interface ResultErrorContext {
  readonly model: string;
  readonly maxTurns: number | undefined;
  readonly capUsd: number | undefined;
  readonly exitCode: number | null;
  /** With "price-table" the CLI's figure is not charged: core prices the usage instead. */
  readonly costSource: "cli" | "price-table";
}

const PROMPT_TOO_LONG = /prompt is too long/i;
const CREDIT_TOO_LOW = /credit balance is too low/i;
const NOT_LOGGED_IN = /not logged in/i;
const OVERLOADED = /overloaded/i;
/** The CLI's `terminal_reason`s for a conversation that no longer fits the context window. */
const CONTEXT_LIMIT_REASONS = new Set([
  "prompt_too_long",
  "blocking_limit",
  "rapid_refill_breaker",
]);
/** Stopped by the user's own hooks (only when setting sources are loaded): not retryable. */
const HOOK_REASONS = new Set(["hook_stopped", "stop_hook_prevented"]);
const CONNECTION = /timed out|unable to connect|ECONNRESET|ECONNREFUSED|socket hang up/i;
/** The API answered (HTTP 200) with a body the CLI could not read, even on its own re-send. */
const MALFORMED_RESPONSE = /empty or malformed response/i;

/**
 * Maps a failed run's result line to an error. A run failed when `is_error` is true or the exit
 * code is not 0 — never judge by `subtype`: API errors come back as `subtype: "success"`. The
 * CLI's message is kept, and whatever the run cost (`total_cost_usd`, e.g. the turns before
 * `error_max_budget_usd`) travels as `reportedCostUsd` so core charges it.
 */
export function mapClaudeResultError(result: ClaudeResult, context: ResultErrorContext): LLMError {
  const cliMessage =
    result.result ??
    (result.errors && result.errors.length > 0 ? result.errors.join("; ") : undefined) ??
    `the run failed (${result.subtype ?? "no subtype"}, exit code ${context.exitCode})`;
  const status = result.api_error_status ?? undefined;
  const message = `Claude Code: ${cliMessage}`;
  const options: LLMErrorOptions = {
    provider: "claude-code",
    usage: convertClaudeUsage(result),
    reportedCostUsd: context.costSource === "cli" ? claudeReportedCost(result) : undefined,
  };

  const terminal = result.terminal_reason ?? undefined;
  if (result.subtype === "error_max_turns" || terminal === "max_turns") {
    return new ClaudeCodeMaxTurnsError(message, {
      ...options,
      maxTurns: context.maxTurns,
      numTurns: result.num_turns ?? undefined,
    });
  }
  if (result.subtype === "error_max_budget_usd" || terminal === "budget_exhausted") {
    return new ClaudeCodeMaxBudgetError(message, { ...options, capUsd: context.capUsd });
  }
  // `--json-schema` output that never validated, or tool calls the model kept malforming: the
  // answer is unusable as asked, and asking again the same way is unlikely to help.
  if (
    result.subtype === "error_max_structured_output_retries" ||
    terminal === "structured_output_retry_exhausted" ||
    terminal === "malformed_tool_use_exhausted"
  ) {
    return new LLMInvalidResponseError(message, { ...options, retryable: false });
  }
  if (status === 401) return new LLMAuthenticationError(message, { ...options, status });
  if (status === 403) return new LLMPermissionError(message, { ...options, status });
  if (status === 429) return new LLMRateLimitError(message, { ...options, status });
  if (status === 404) {
    return new LLMModelNotFoundError(message, { ...options, model: context.model });
  }
  if (status === 402 || CREDIT_TOO_LOW.test(cliMessage)) {
    return new LLMInsufficientCreditsError(message, { ...options, status: status ?? 402 });
  }
  if (
    (terminal !== undefined && CONTEXT_LIMIT_REASONS.has(terminal)) ||
    status === 413 ||
    PROMPT_TOO_LONG.test(cliMessage)
  ) {
    return new LLMContextLengthError(message, options);
  }
  if (MALFORMED_RESPONSE.test(cliMessage)) {
    return new LLMInvalidResponseError(message, { ...options, retryable: false });
  }
  if (status !== undefined) return new LLMProviderError(message, { ...options, status });
  if (terminal !== undefined && HOOK_REASONS.has(terminal)) {
    return new LLMProviderError(`${message} (stopped by a hook: ${terminal})`, {
      ...options,
      retryable: false,
    });
  }
  if (NOT_LOGGED_IN.test(cliMessage)) {
    return new LLMAuthenticationError(
      `${message}. The CLI found no credentials: pass \`apiKey\` (or set ANTHROPIC_API_KEY), ` +
        "or log in with `claude /login` as the user whose HOME the adapter uses (`homeDir`); " +
        "with `bare: true` the CLI reads nothing but ANTHROPIC_API_KEY.",
      options,
    );
  }
  // "Repeated 529 Overloaded errors" comes without a status when the CLI gave up retrying.
  if (OVERLOADED.test(cliMessage))
    return new LLMProviderError(message, { ...options, status: 529 });
  if (CONNECTION.test(cliMessage)) return new LLMConnectionError(message, options);
  return new LLMProviderError(message, options);
}
