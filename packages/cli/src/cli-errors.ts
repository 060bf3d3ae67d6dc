import {
  LLMAbortError,
  LLMBudgetExceededError,
  LLMBudgetStoreError,
  LLMConfigError,
  LLMError,
} from "@llmc/core";
import { EXIT, type ExitCode } from "./exit-codes.js";

/** The command line itself is wrong. The message names the flag and what it expects. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  /** The command whose help to point at (`llmc help <command>`). */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** Well-formed, but cannot be set up here (a missing package, a budget that does not exist). */
export class CliConfigError extends Error {
  override readonly name = "CliConfigError";
}

/** The budget store cannot be used (Redis unreachable); nothing was spent or changed. */
export class BudgetStoreUnavailableError extends Error {
  override readonly name = "BudgetStoreUnavailableError";
}

/**
 * Errors of @llmc/budget-redis, recognised by name so this module need not import that
 * optional package: its store errors extend `Error`, not `LLMError`.
 */
const BUDGET_STORE_ERROR_NAMES = new Set([
  "RedisBudgetStoreError",
  "BudgetHasOpenReservationsError",
]);

export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof CliConfigError) return EXIT.config;
  if (error instanceof BudgetStoreUnavailableError) return EXIT.budgetStore;
  if (LLMBudgetExceededError.isInstance(error)) return EXIT.budgetRefused;
  if (LLMBudgetStoreError.isInstance(error)) return EXIT.budgetStore;
  if (LLMAbortError.isInstance(error)) return EXIT.interrupted;
  if (LLMConfigError.isInstance(error)) return EXIT.config;
  if (LLMError.isInstance(error)) return EXIT.provider;
  if (error instanceof Error && BUDGET_STORE_ERROR_NAMES.has(error.name)) return EXIT.budgetStore;
  return EXIT.internal;
}

/**
 * One line: what happened and what to do. The library's messages already say what to fix and
 * carry no secrets (core redacts keys); this adds only where to look next.
 */
export function describeError(error: unknown): string {
  if (error instanceof UsageError) {
    const help = error.command ? `llmc help ${error.command}` : "llmc help";
    return `llmc: ${error.message} (see \`${help}\`)`;
  }
  if (
    error instanceof CliConfigError ||
    error instanceof BudgetStoreUnavailableError ||
    LLMError.isInstance(error)
  ) {
    return `llmc: ${oneLine((error as Error).message)}`;
  }
  if (error instanceof Error && BUDGET_STORE_ERROR_NAMES.has(error.name)) {
    return `llmc: ${oneLine(error.message)}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `llmc: unexpected error: ${oneLine(message)} (this is a bug in llmc; run again with --verbose and report it)`;
}

/** `--verbose`: the error's class, code and provider, then every cause, one line each. */
export function describeCauses(error: unknown): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    const prefix = depth === 0 ? "  error" : "  caused by";
    if (current instanceof Error) {
      const fields = LLMError.isInstance(current)
        ? ` [code ${current.code}${current.provider ? `, provider ${current.provider}` : ""}${current.retryable ? ", retryable" : ""}]`
        : "";
      lines.push(`${prefix}: ${current.name}${fields}: ${oneLine(current.message)}`);
      current = current.cause;
    } else {
      lines.push(`${prefix}: ${oneLine(String(current))}`);
      current = undefined;
    }
  }
  return lines;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
