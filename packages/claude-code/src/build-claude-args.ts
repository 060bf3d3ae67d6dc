import type { ClaudePermissionMode, ClaudeSettingSource } from "./claude-code-options.js";

export interface ClaudeArgsInput {
  readonly model: string;
  /** `stream-json` with partial messages for streamPrompt, else one `json` result. */
  readonly stream: boolean;
  readonly systemPrompt: string | undefined;
  readonly systemPromptMode: "replace" | "append";
  readonly tools: readonly string[];
  readonly allowedTools: readonly string[] | undefined;
  readonly permissionMode: ClaudePermissionMode | undefined;
  readonly maxTurns: number | undefined;
  readonly maxBudgetUsd: number | undefined;
  readonly settingSources: readonly ClaudeSettingSource[];
  readonly sessionPersistence: boolean;
  /** `--bare` (minimal start-up and system prompt; needs ANTHROPIC_API_KEY). */
  readonly bare: boolean;
  /** `--json-schema`: the response schema's JSON Schema text, for structured output. */
  readonly jsonSchema?: string | undefined;
}

/**
 * The CLI's argv (without the executable). The prompt is not here: it goes to stdin, so it
 * never shows in `ps` and needs no escaping. No shell is involved, so no value is quoted.
 */
export function buildClaudeArgs(input: ClaudeArgsInput): string[] {
  const args = ["-p", "--output-format"];
  // stream-json requires --verbose in print mode; partial messages give real text deltas.
  if (input.stream) args.push("stream-json", "--verbose", "--include-partial-messages");
  else args.push("json");
  if (input.bare) args.push("--bare");
  args.push("--model", input.model);
  // `--tools` is variadic: one comma-separated value, "" for none.
  args.push("--tools", input.tools.join(","));
  if (input.allowedTools && input.allowedTools.length > 0) {
    args.push("--allowedTools", input.allowedTools.join(","));
  }
  if (input.permissionMode) args.push("--permission-mode", input.permissionMode);
  if (input.maxTurns !== undefined) args.push("--max-turns", String(input.maxTurns));
  if (input.maxBudgetUsd !== undefined)
    args.push("--max-budget-usd", formatUsd(input.maxBudgetUsd));
  if (input.systemPrompt !== undefined) {
    args.push(
      input.systemPromptMode === "append" ? "--append-system-prompt" : "--system-prompt",
      input.systemPrompt,
    );
  }
  // No setting sources (the default) means no hooks, no MCP servers, no CLAUDE.md memory: the
  // call is reproducible and its prompt overhead is the measured one.
  args.push("--setting-sources", input.settingSources.join(","), "--strict-mcp-config");
  if (!input.sessionPersistence) args.push("--no-session-persistence");
  if (input.jsonSchema !== undefined) args.push("--json-schema", input.jsonSchema);
  return args;
}

/** Whole nano-dollars, never exponent notation. */
function formatUsd(usd: number): string {
  return usd.toFixed(9).replace(/\.?0+$/, "");
}
