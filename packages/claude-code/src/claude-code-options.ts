import { type AdapterOptions, LLMConfigError, type RunConfig } from "@llmc/core";
import { z } from "zod";

/** The CLI's `--permission-mode` choices (2.1.197). */
export type ClaudePermissionMode =
  | "acceptEdits"
  | "auto"
  | "bypassPermissions"
  | "default"
  | "dontAsk"
  | "plan";

/** Where the CLI may read settings, hooks, MCP servers and CLAUDE.md memory from. */
export type ClaudeSettingSource = "user" | "project" | "local";

/** Options of {@link ClaudeCodeAdapter}; every field is optional. */
export interface ClaudeCodeOptions extends AdapterOptions {
  /** The `claude` executable: a name looked up on PATH, or a path (default `"claude"`). */
  readonly executable?: string;
  /** Working directory of the CLI (default: this process's cwd). */
  readonly cwd?: string;
  /** Extra environment variables for the CLI; they win over the defaults below except the budget ones. */
  readonly env?: Readonly<Record<string, string>>;
  /** HOME of the CLI, where it keeps its login and state (default: the user's home). */
  readonly homeDir?: string;
  /** Sent as ANTHROPIC_API_KEY (default: this process's ANTHROPIC_API_KEY, if set). */
  readonly apiKey?: string;
  /** Sent as ANTHROPIC_AUTH_TOKEN (default: this process's ANTHROPIC_AUTH_TOKEN, if set). */
  readonly authToken?: string;
  /** Sent as ANTHROPIC_BASE_URL (default: this process's ANTHROPIC_BASE_URL, if set). */
  readonly baseURL?: string;
  /** @deprecated Use `baseURL`, the name every llm-connect adapter uses; this still works. */
  readonly baseUrl?: string;
  /** Built-in tools the model may use, e.g. `["Read", "Grep"]` (default none: `--tools ""`). */
  readonly tools?: readonly string[];
  /** Tools allowed without a permission prompt (`--allowedTools`), e.g. `["Read", "Bash(git *)"]`. */
  readonly allowedTools?: readonly string[];
  /** `--permission-mode` (default: the CLI's own). */
  readonly permissionMode?: ClaudePermissionMode;
  /** `--max-turns`; a call without tools always runs exactly one turn. */
  readonly maxTurns?: number;
  /** Per-call spending cap in USD for calls with tools or several turns (`--max-budget-usd`). */
  readonly maxCallCostUsd?: number;
  /** `"replace"`: `systemPrompt` replaces the CLI's own (`--system-prompt`); `"append"` adds to it. */
  readonly systemPromptMode?: "replace" | "append";
  /** Setting sources the CLI loads (default none: no hooks, MCP servers or CLAUDE.md files). */
  readonly settingSources?: readonly ClaudeSettingSource[];
  /** Keep the session on disk so it can be resumed (default false: `--no-session-persistence`). */
  readonly sessionPersistence?: boolean;
  /** Tokens the CLI adds to every prompt, for the budget reservation (default: see README). */
  readonly promptOverheadTokens?: number;
  /** After SIGTERM, wait this long before SIGKILL (default 2000 ms). */
  readonly killGraceMs?: number;
  /** CLIs running at once per adapter; the rest wait holding no budget (default 4). */
  readonly maxConcurrency?: number;
  /**
   * `--bare`: no hooks, plugins, skills, LSP or CLAUDE.md discovery, and a one-paragraph system
   * prompt instead of ~28 KB (input 7,233 → 47 tokens per call on 2.1.332). The CLI then reads
   * only ANTHROPIC_API_KEY (never a subscription login), so the default is `true` exactly when
   * the CLI gets an ANTHROPIC_API_KEY (`apiKey`, `env` or this process's environment).
   */
  readonly bare?: boolean;
  /**
   * What the budget is charged: `"cli"` (default), the CLI's own `total_cost_usd`; or
   * `"price-table"`, the usage priced with this adapter's table and `prices`. The CLI prices
   * every model it does not know at Claude rates, so behind a gateway (`baseURL`) serving other
   * models choose `"price-table"` and pass `prices` for them.
   */
  readonly costSource?: ClaudeCostSource;
}

/** Who prices a finished call; see {@link ClaudeCodeOptions.costSource}. */
export type ClaudeCostSource = "cli" | "price-table";

/** Per-call extras a Claude Code call accepts on top of core's `RunConfig`. */
export interface ClaudeCodeRunConfig extends RunConfig {
  /** Overrides the adapter's `maxCallCostUsd` for this call. */
  readonly maxCallCostUsd?: number;
  /** Overrides the adapter's `maxTurns` for this call. */
  readonly maxTurns?: number;
}

export const DEFAULT_MAX_CONCURRENCY = 4;
export const DEFAULT_KILL_GRACE_MS = 2_000;

const positiveUsd = z.number().finite().positive();
const turns = z.number().int().positive();

/**
 * Why `tools` (function tools) are refused, and what to do instead. In `-p` mode the CLI runs
 * its own tool loop inside its process: it cannot hand a call back to this one and wait for the
 * result, so core's tool-call round trip cannot happen. (An MCP server the adapter starts would
 * let the CLI call a function, but inside the CLI's loop, unbudgeted per call and with no
 * `toolCalls` to return — not the contract `tools` promises.)
 */
export const CLAUDE_TOOLS_UNSUPPORTED =
  "Claude Code cannot call function tools back in your process (`claude -p` runs its own tool " +
  "loop). Run calls with `tools` through an API adapter (OpenAIAdapter, GeminiAdapter, " +
  "OpenRouterAdapter), give the CLI its built-in tools with the adapter's `tools` option " +
  '(e.g. ["Read", "Grep"]), or use `schema` for a structured answer';

/** Extra per-call fields; merged into core's strict run-config schema. */
export const claudeRunConfigExtras = {
  maxCallCostUsd: positiveUsd.optional(),
  maxTurns: turns.optional(),
  tools: z.undefined({ error: CLAUDE_TOOLS_UNSUPPORTED }).optional(),
  toolChoice: z.undefined({ error: CLAUDE_TOOLS_UNSUPPORTED }).optional(),
};

const optionsSchema = z.strictObject({
  // Core's own options: core reads and checks them.
  prices: z.unknown().optional(),
  maxRetries: z.unknown().optional(),
  timeoutMs: z.unknown().optional(),
  retryPolicy: z.unknown().optional(),
  maxConcurrency: z.unknown().optional(),
  executable: z.string().min(1).optional(),
  cwd: z.string().min(1).optional(),
  env: z.record(z.string(), z.string()).optional(),
  homeDir: z.string().min(1).optional(),
  apiKey: z.string().min(1).optional(),
  authToken: z.string().min(1).optional(),
  baseURL: z.string().min(1).optional(),
  baseUrl: z.string().min(1).optional(),
  tools: z
    .array(
      z
        .string()
        .min(1)
        .regex(/^[^,]+$/, "must not contain commas"),
    )
    .optional(),
  allowedTools: z.array(z.string().min(1)).optional(),
  permissionMode: z
    .enum(["acceptEdits", "auto", "bypassPermissions", "default", "dontAsk", "plan"])
    .optional(),
  maxTurns: turns.optional(),
  maxCallCostUsd: positiveUsd.optional(),
  systemPromptMode: z.enum(["replace", "append"]).optional(),
  settingSources: z.array(z.enum(["user", "project", "local"])).optional(),
  sessionPersistence: z.boolean().optional(),
  promptOverheadTokens: z.number().int().nonnegative().optional(),
  killGraceMs: z.number().int().nonnegative().optional(),
  bare: z.boolean().optional(),
  costSource: z.enum(["cli", "price-table"]).optional(),
});

/**
 * The adapter's own option names, for core's unknown-option check (core's own come on top).
 * `baseUrl` is the deprecated spelling of `baseURL`, still accepted.
 */
export const CLAUDE_CODE_OPTION_NAMES = [
  "executable",
  "cwd",
  "env",
  "homeDir",
  "apiKey",
  "authToken",
  "baseURL",
  "baseUrl",
  "tools",
  "allowedTools",
  "permissionMode",
  "maxTurns",
  "maxCallCostUsd",
  "systemPromptMode",
  "settingSources",
  "sessionPersistence",
  "promptOverheadTokens",
  "killGraceMs",
  "bare",
  "costSource",
] as const satisfies readonly (keyof ClaudeCodeOptions)[];

/** The gateway URL: `baseURL`, or its deprecated spelling `baseUrl`; both set must agree. */
export function claudeBaseURL(options: ClaudeCodeOptions): string | undefined {
  const { baseURL, baseUrl } = options;
  if (baseURL !== undefined && baseUrl !== undefined && baseURL !== baseUrl) {
    throw new LLMConfigError(
      "ClaudeCodeAdapter got both `baseURL` and `baseUrl` (its deprecated spelling) with " +
        "different values: pass only `baseURL`.",
      { provider: "claude-code", field: "baseURL" },
    );
  }
  return baseURL ?? baseUrl;
}

/** Checks the constructor options; a typo or a wrong type is an {@link LLMConfigError}. */
export function checkClaudeCodeOptions(options: ClaudeCodeOptions): void {
  const parsed = optionsSchema.safeParse(options);
  if (parsed.success) {
    claudeBaseURL(options);
    return;
  }
  const issue = parsed.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0]!;
    throw new LLMConfigError(`Unknown ClaudeCodeAdapter option \`${key}\`.`, {
      provider: "claude-code",
      field: key,
    });
  }
  const field = issue.path.join(".") || "options";
  throw new LLMConfigError(`Invalid ClaudeCodeAdapter option \`${field}\`: ${issue.message}.`, {
    provider: "claude-code",
    field,
  });
}
