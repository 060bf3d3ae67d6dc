import { type LLMAdapter, LLMConfigError } from "@llmc/core";
import { CliConfigError, UsageError } from "../cli-errors.js";
import {
  type AdapterSettings,
  findProvider,
  PROVIDERS,
  type ProviderEntry,
} from "./provider-registry.js";

export function providerOrUsageError(name: string | undefined, command: string): ProviderEntry {
  if (!name) {
    throw new UsageError(
      `--provider is required (or set LLMC_PROVIDER): one of ${PROVIDERS.map((p) => p.name).join(", ")}`,
      command,
    );
  }
  const entry = findProvider(name);
  if (!entry) {
    throw new UsageError(
      `unknown provider "${name}": choose one of ${PROVIDERS.map((p) => p.name).join(", ")}`,
      command,
    );
  }
  return entry;
}

/**
 * Builds the provider's adapter, importing its package only now. A package that is not
 * installed becomes one clear line saying what to install, not a stack trace.
 */
export async function createAdapter(
  entry: ProviderEntry,
  settings: AdapterSettings,
): Promise<LLMAdapter> {
  try {
    return await entry.create(settings);
  } catch (error) {
    if (LLMConfigError.isInstance(error) && error.field === "apiKey" && entry.keyEnv.length > 0) {
      // The adapter's message speaks to code (`pass apiKey`); a shell user sets a variable.
      throw new CliConfigError(
        `${entry.label} needs an API key: set ${entry.keyEnv.join(" or ")} ` +
          "(`llmc providers` shows what each provider reads).",
      );
    }
    throw missingPackageError(error, entry.packageName, `the ${entry.name} provider`) ?? error;
  }
}

/** Imports an optional package, or explains how to install it. */
export async function importOptional<T>(
  packageName: string,
  neededFor: string,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw missingPackageError(error, packageName, neededFor) ?? error;
  }
}

function missingPackageError(
  error: unknown,
  packageName: string,
  neededFor: string,
): CliConfigError | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = (error as Error | null)?.message ?? "";
  // Only the package itself missing; a broken install further down stays a real error.
  if (code !== "ERR_MODULE_NOT_FOUND" || !message.includes(`'${packageName}'`)) return undefined;
  return new CliConfigError(
    `${neededFor} needs ${packageName}, which is not installed: run \`npm install ${packageName}\` ` +
      "where @llmc/cli is installed (add -g for a global llmc).",
  );
}
