import { LLMConfigError, type LLMError, LLMProviderError } from "@llmc/core";
import { ClaudeProcess } from "./claude-process.js";
import {
  isOlderThan,
  MIN_CLAUDE_VERSION,
  MIN_VERSION,
  parseClaudeVersion,
} from "./claude-version.js";

export interface VersionCheckInput {
  readonly executable: string;
  readonly cwd: string | undefined;
  readonly env: Readonly<Record<string, string>>;
  readonly killGraceMs: number;
  /** Turns a failed spawn (ENOENT, EACCES, a missing cwd) into the adapter's config error. */
  readonly spawnError: (error: NodeJS.ErrnoException) => Promise<LLMError>;
}

/** `claude --version` answers in well under a second; this only bounds a broken executable. */
const VERSION_TIMEOUT_MS = 30_000;

/**
 * Runs `claude --version` (in its own process group like every run, killed on timeout) and
 * refuses a CLI older than {@link MIN_CLAUDE_VERSION}. Resolves with the version text.
 */
export async function checkClaudeVersion(input: VersionCheckInput): Promise<string> {
  const child = new ClaudeProcess({
    executable: input.executable,
    args: ["--version"],
    cwd: input.cwd,
    env: input.env,
    input: "",
    signal: AbortSignal.timeout(VERSION_TIMEOUT_MS),
    killGraceMs: input.killGraceMs,
  });
  let output = "";
  for await (const line of child.lines()) output += `${line}\n`;
  const exit = await child.exited;
  if (exit.spawnError) throw await input.spawnError(exit.spawnError);
  const printed = output.trim();
  const version = parseClaudeVersion(printed);
  if (exit.killed || exit.code !== 0 || !version) {
    const said = printed || exit.stderr.trim();
    const how = exit.killed
      ? `did not answer within ${VERSION_TIMEOUT_MS} ms`
      : `exited with ${exit.signal ?? `code ${exit.code}`}`;
    throw new LLMProviderError(
      `\`${input.executable} --version\` ${how} without a version` +
        `${said ? `; it printed: ${JSON.stringify(said.slice(0, 200))}` : ""}. ` +
        "Check that the `executable` option names the Claude Code CLI.",
      { provider: "claude-code" },
    );
  }
  if (isOlderThan(version, MIN_VERSION)) {
    throw new LLMConfigError(
      `Claude Code ${version.join(".")} is too old: @llmc/claude-code needs ${MIN_CLAUDE_VERSION} ` +
        "or newer (for `--bare`). Update it with `npm i -g @anthropic-ai/claude-code@latest`, " +
        "or point the `executable` option at a newer one.",
      { provider: "claude-code", field: "executable" },
    );
  }
  return printed;
}
