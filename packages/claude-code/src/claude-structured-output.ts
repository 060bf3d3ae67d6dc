import { LLMConfigError, LLMInvalidResponseError } from "@llmc/core";
import type { ClaudeResult } from "./claude-output.js";

/**
 * Structured output through the CLI's `--json-schema` (checked on 2.1.332 against the
 * simulator): the CLI gives the model a `StructuredOutput` tool whose input schema is ours,
 * validates the tool input itself, and prints the accepted object as the result's
 * `structured_output` (and its JSON as `result`). Its failure modes:
 * - the model answers in text: the CLI sends "[structured-output-enforce] You MUST call the
 *   StructuredOutput tool…" once more, and if the model still answers in text the run
 *   *succeeds* with that text and no `structured_output` (older CLIs did the same for a schema
 *   they could not use) — {@link structuredOutputText} hands that text to core's schema check;
 * - with `--max-turns 1` (a single-turn call) there is no second turn for that reminder, or
 *   for a retry after input that failed the CLI's check: `error_max_turns`;
 * - input that keeps failing the CLI's check: `error_max_structured_output_retries`
 *   ("Failed to provide valid structured output after 5 attempts — …");
 * - a schema the CLI cannot use: exit 1 before any request, stderr
 *   "Error: --json-schema is not a valid JSON Schema: …" ({@link jsonSchemaRejection}).
 */

/**
 * The text core parses and validates with the zod schema: the `structured_output` object's
 * JSON, or — when the model ended in plain text and the CLI still reported success — that
 * text, so core's check fails it as an invalid answer carrying the raw text (which
 * `repair: { attempts }` can feed back).
 */
export function structuredOutputText(result: ClaudeResult): string {
  if (result.structured_output !== undefined && result.structured_output !== null) {
    return JSON.stringify(result.structured_output);
  }
  return result.result ?? "";
}

/** `error_max_turns` of a single-turn structured call: the model did not answer with the tool. */
export function singleTurnStructuredOutputError(
  message: string,
  options: ConstructorParameters<typeof LLMInvalidResponseError>[1],
): LLMInvalidResponseError {
  return new LLMInvalidResponseError(
    `${message}. With \`schema\` the answer must come as the CLI's StructuredOutput tool call ` +
      "in the call's one turn; the model answered otherwise (or with input the CLI's schema " +
      "check refused). Use `repair: { attempts: 1 }`, or allow the CLI to ask again with " +
      "`maxTurns` > 1 (a multi-turn call, bounded by `maxCallCostUsd`).",
    options,
  );
}

const REJECTED_SCHEMA = /--json-schema is not (?:a )?valid (?:JSON Schema|JSON)\b[^\n]*/;

/** The CLI refused the schema itself (exit 1, no request made), or `undefined`. */
export function jsonSchemaRejection(stderr: string): LLMConfigError | undefined {
  const match = REJECTED_SCHEMA.exec(stderr);
  if (match === null) return undefined;
  return new LLMConfigError(
    `Claude Code refused the response schema: ${match[0].replace(/^--json-schema/, "the schema")}. ` +
      "Describe the answer with plain zod types (objects, strings, numbers, enums, arrays).",
    { provider: "claude-code", field: "schema" },
  );
}
