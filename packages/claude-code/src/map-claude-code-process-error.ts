import {
  LLMConfigError,
  type LLMError,
  LLMInvalidResponseError,
  LLMProviderError,
} from "@llmc/core";
import type { ClaudeProcessExit } from "./claude-process.js";

/** The executable could not be started at all: nothing ran, nothing is charged. */
export function mapClaudeSpawnError(error: NodeJS.ErrnoException, executable: string): LLMError {
  if (error.code === "ENOENT") {
    return new LLMConfigError(
      `The Claude Code executable "${executable}" was not found. Install it with ` +
        "`npm i -g @anthropic-ai/claude-code`, or pass its path as the `executable` option " +
        "(and check the `cwd` option names an existing directory).",
      { provider: "claude-code", field: "executable", cause: error },
    );
  }
  if (error.code === "EACCES") {
    return new LLMConfigError(
      `The Claude Code executable "${executable}" is not executable (EACCES). Check its ` +
        "permissions, or pass the right path as the `executable` option.",
      { provider: "claude-code", field: "executable", cause: error },
    );
  }
  return new LLMProviderError(`Could not start Claude Code ("${executable}"): ${error.message}`, {
    provider: "claude-code",
    cause: error,
  });
}

/**
 * The process ended without a result line: crashed, killed by a signal it did not expect,
 * exited with an error before printing JSON, or printed something else. What it spent is
 * unknown (the model request may already have run): the adapter has marked the attempt billed,
 * so core charges its whole reservation, and the worst case keeps the budget's bound.
 */
export function mapClaudeExitWithoutResult(
  exit: ClaudeProcessExit,
  unreadable: string | undefined,
): LLMError {
  const options = { provider: "claude-code" };
  const stderr = exit.stderr.trim();
  const detail = stderr ? `: ${stderr.slice(-1_000)}` : "";
  if (exit.signal) {
    return new LLMProviderError(
      `Claude Code was killed by ${exit.signal} before it printed a result${detail}`,
      options,
    );
  }
  if (exit.code !== 0) {
    return new LLMProviderError(
      `Claude Code exited with code ${exit.code} without a result${detail}`,
      options,
    );
  }
  const excerpt = unreadable ? `; it printed: ${JSON.stringify(unreadable.slice(0, 200))}` : "";
  return new LLMInvalidResponseError(
    `Claude Code exited without printing a JSON result line${excerpt}${detail}`,
    options,
  );
}
