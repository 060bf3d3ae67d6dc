/** Variables passed through from this process when set (the CLI and its tools need them). */
const PASSED_THROUGH = [
  "PATH",
  "USER",
  "LOGNAME",
  "SHELL",
  "TMPDIR",
  "LANG",
  "LC_ALL",
  "LC_CTYPE",
  "TZ",
  "CLAUDE_CONFIG_DIR",
  // Windows needs these to start any process.
  "SystemRoot",
  "ComSpec",
  "PATHEXT",
] as const;

export interface ClaudeEnvInput {
  /** This process's environment (only the names above and the Anthropic ones are read). */
  readonly parentEnv: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  readonly apiKey: string | undefined;
  readonly authToken: string | undefined;
  readonly baseUrl: string | undefined;
  readonly extraEnv: Readonly<Record<string, string>> | undefined;
  /** Sent as CLAUDE_CODE_MAX_OUTPUT_TOKENS: the CLI's `max_tokens` per request. */
  readonly maxOutputTokens: number | undefined;
  /** The call's deadline; the CLI's own per-request timeout is set above it. */
  readonly timeoutMs: number | undefined;
}

/** How much later than the call's deadline the CLI's own request timeout fires. */
export const API_TIMEOUT_MARGIN_MS = 5_000;

/**
 * The CLI's whole environment, built explicitly: nothing else of this process leaks into it.
 * Order: pass-through, Anthropic credentials, quiet defaults, the caller's `env`, then the
 * values the budget and retry guarantees depend on (the caller cannot override those).
 */
export function buildClaudeEnv(input: ClaudeEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = input.parentEnv[name];
    if (value !== undefined) env[name] = value;
  }
  env.HOME = input.homeDir;
  const apiKey = input.apiKey ?? input.parentEnv.ANTHROPIC_API_KEY;
  const authToken = input.authToken ?? input.parentEnv.ANTHROPIC_AUTH_TOKEN;
  const baseUrl = input.baseUrl ?? input.parentEnv.ANTHROPIC_BASE_URL;
  if (apiKey) env.ANTHROPIC_API_KEY = apiKey;
  if (authToken) env.ANTHROPIC_AUTH_TOKEN = authToken;
  if (baseUrl) env.ANTHROPIC_BASE_URL = baseUrl;
  // No update checks, telemetry or other calls besides the model request.
  env.CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC = "1";
  env.DISABLE_AUTOUPDATER = "1";
  env.DISABLE_TELEMETRY = "1";
  Object.assign(env, input.extraEnv);
  // Core retries; a CLI retrying on its own would back off for minutes and re-bill.
  env.CLAUDE_CODE_MAX_RETRIES = "0";
  if (input.maxOutputTokens !== undefined) {
    env.CLAUDE_CODE_MAX_OUTPUT_TOKENS = String(input.maxOutputTokens);
  }
  if (input.timeoutMs !== undefined) {
    env.API_TIMEOUT_MS = String(input.timeoutMs + API_TIMEOUT_MARGIN_MS);
  }
  return env;
}
