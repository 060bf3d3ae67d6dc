/**
 * The oldest CLI this package drives. 2.1.81 (2026-03-20) added `--bare`, the newest flag the
 * adapter passes (by default whenever an API key is configured); everything else it relies on
 * is older: `--tools`, `--max-budget-usd`, `--setting-sources`, `--strict-mcp-config`,
 * `--no-session-persistence`, `--include-partial-messages`, and the result line's
 * `modelUsage` / `total_cost_usd`. Tested against 2.1.332 (and earlier against 2.1.197).
 */
export const MIN_CLAUDE_VERSION = "2.1.81";

export type Version = readonly [number, number, number];

/** `"2.1.332 (Claude Code)"` → `[2, 1, 332]`; anything else → undefined. */
export function parseClaudeVersion(output: string): Version | undefined {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(output);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function isOlderThan(version: Version, minimum: Version): boolean {
  for (let index = 0; index < 3; index++) {
    if (version[index]! !== minimum[index]!) return version[index]! < minimum[index]!;
  }
  return false;
}

export const MIN_VERSION: Version = parseClaudeVersion(MIN_CLAUDE_VERSION)!;
