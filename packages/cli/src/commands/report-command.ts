import { UsageError } from "../cli-errors.js";
import type { Command } from "../command.js";

/** Reserved: `llmc report` needs the spend ledger, which llm-connect does not have yet. */
export const reportCommand: Command = {
  name: "report",
  summary: "spend by model or agent (not available yet: needs the spend ledger)",
  usage: `llmc report --redis URL --since 1d --by model,metadata.agent

Not available yet: reporting needs a ledger of every call's spend, which llm-connect does not
record so far. \`llmc budget show\` shows what each budget has spent.`,
  async run() {
    throw new UsageError(
      "report is not available yet: it needs the spend ledger, which is not built; " +
        "`llmc budget show --id ID` shows what each budget has spent",
      "report",
    );
  },
};
