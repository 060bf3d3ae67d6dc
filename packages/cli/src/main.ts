import { createRequire } from "node:module";
import { describeCauses, describeError, exitCodeOf, UsageError } from "./cli-errors.js";
import type { CliIo } from "./cli-io.js";
import type { Command } from "./command.js";
import { budgetCommand } from "./commands/budget-command.js";
import { modelsCommand } from "./commands/models-command.js";
import { providersCommand } from "./commands/providers-command.js";
import { reportCommand } from "./commands/report-command.js";
import { runCommand } from "./commands/run-command.js";
import { EXIT } from "./exit-codes.js";

const COMMANDS: readonly Command[] = [
  runCommand,
  providersCommand,
  modelsCommand,
  budgetCommand,
  reportCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "llmc: one command line for OpenAI, Gemini, OpenRouter and Claude Code, with hard budgets",
    "",
    "usage: llmc <command> [options]",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "llmc help <command> for its options; -v/--verbose prints an error's cause chain.",
    "Exit codes: 0 ok, 1 bug, 2 usage, 3 config, 4 provider, 5 budget refused,",
    "6 budget store, 130 interrupted (docs/cli.md).",
  ].join("\n");
}

function version(): string {
  return (createRequire(import.meta.url)("../package.json") as { version: string }).version;
}

/** Runs one `llmc` command line; returns the exit code. Never throws. */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  try {
    if (name === undefined || name === "help" || name === "--help" || name === "-h") {
      const topic = name === "help" ? rest[0] : undefined;
      const command = topic ? COMMANDS.find((c) => c.name === topic) : undefined;
      if (topic && !command) throw new UsageError(`unknown command "${topic}"`);
      io.stdout.write(`${command ? command.usage : overview()}\n`);
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === "--version" || name === "-V") {
      io.stdout.write(`${version()}\n`);
      return EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
      throw new UsageError(
        `unknown command "${name}": choose ${COMMANDS.map((c) => c.name).join(", ")}`,
      );
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      io.stdout.write(`${command.usage}\n`);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (error) {
    io.stderr.write(`${describeError(error)}\n`);
    if (rest.includes("--verbose") || rest.includes("-v")) {
      for (const line of describeCauses(error)) io.stderr.write(`${line}\n`);
    }
    return exitCodeOf(error);
  }
}
