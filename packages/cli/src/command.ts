import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./cli-errors.js";
import type { CliIo } from "./cli-io.js";

/** One `llmc` subcommand. `run` returns the exit code (errors are thrown and mapped by main). */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** The help text shown by `llmc help <name>` and `--help`. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  verbose: { type: "boolean", short: "v" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

export interface ParsedCommandArgs<T extends Options> {
  readonly values: ReturnType<
    typeof parseArgs<{ options: T & typeof COMMON_OPTIONS; allowPositionals: true; strict: true }>
  >["values"];
  readonly positionals: string[];
}

/**
 * `node:util` parseArgs, strict, with its errors (unknown option, missing value) turned into
 * usage errors that point at the command's help.
 */
export function parseCommandArgs<T extends Options>(
  command: string,
  args: readonly string[],
  options: T,
): ParsedCommandArgs<T> {
  try {
    return parseArgs({
      args: [...args],
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs explains itself over several lines; the positional-argument tip never applies.
    const message = (error as Error).message
      .replace(/\.?\s*To specify a positional argument[\s\S]*$/, "")
      .replace(/\s*\n\s*/g, " ");
    throw new UsageError(message, command);
  }
}
