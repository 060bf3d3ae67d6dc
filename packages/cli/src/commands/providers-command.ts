import type { Env } from "../cli-io.js";
import { paletteFor } from "../color.js";
import { type Command, parseCommandArgs } from "../command.js";
import { table } from "../format.js";
import { isExecutableOnPath } from "../providers/find-on-path.js";
import { installedVersion } from "../providers/installed-package.js";
import { firstSet, PROVIDERS, type ProviderEntry } from "../providers/provider-registry.js";

export interface ProviderStatus {
  readonly provider: string;
  readonly label: string;
  readonly package: string;
  /** The installed version, or null when the package is missing. */
  readonly installed: string | null;
  /** Whether a key (or, for Claude Code, the `claude` CLI) is there. The key itself never is. */
  readonly configured: boolean;
  readonly keyEnv: readonly string[];
  readonly baseUrlEnv: string | null;
  readonly baseUrl: string | null;
  readonly defaultModel: string;
}

export function providerStatus(entry: ProviderEntry, env: Env): ProviderStatus {
  const configured =
    entry.name === "claude-code"
      ? isExecutableOnPath(env.LLMC_CLAUDE_EXECUTABLE?.trim() || "claude", env)
      : entry.keyEnv.length === 0 || firstSet(env, entry.keyEnv) !== undefined;
  return {
    provider: entry.name,
    label: entry.label,
    package: entry.packageName,
    installed: installedVersion(entry.packageName) ?? null,
    configured,
    keyEnv: entry.keyEnv,
    baseUrlEnv: entry.baseUrlEnv ?? null,
    // The endpoint is shown only as configured by name or preset; a URL from the environment
    // could carry credentials (user:pass@), so its value is not echoed.
    baseUrl: entry.presetBaseUrl ?? null,
    defaultModel: entry.defaultModel,
  };
}

export const providersCommand: Command = {
  name: "providers",
  summary: "list providers: installed, configured, which environment variables each reads",
  usage: `llmc providers [--json]

Lists every provider and preset: whether its package is installed, whether it is configured
(its key variable is set; for claude-code, the claude CLI is on PATH), the environment
variables it reads and its default model. Keys are never printed, only whether they are set.`,

  async run(args, io) {
    const { values } = parseCommandArgs("providers", args, { json: { type: "boolean" } });
    const statuses = PROVIDERS.map((entry) => providerStatus(entry, io.env));
    if (values.json) {
      io.stdout.write(`${JSON.stringify(statuses, null, 2)}\n`);
      return 0;
    }
    const color = paletteFor(io.stdout, io.env);
    const rows = statuses.map((s) => [
      s.provider,
      s.installed ? color.green(`${s.package}@${s.installed}`) : color.red(`${s.package} missing`),
      s.configured ? color.green("yes") : color.yellow("no"),
      s.keyEnv.length > 0 ? s.keyEnv.join(" or ") : "(no key)",
      s.baseUrlEnv ?? s.baseUrl ?? "",
      s.defaultModel,
    ]);
    io.stdout.write(
      `${table([["provider", "package", "configured", "key from", "endpoint", "default model"], ...rows])}\n`,
    );
    return 0;
  },
};
