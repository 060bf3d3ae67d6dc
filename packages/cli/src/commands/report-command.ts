import { checkGroupBy, InMemorySpendLedger, type SpendLedger, type SpendReport } from "@llmc/core";
import { loadBudgetRedis, redisUrl, withoutCredentials } from "../budget/redis-budget.js";
import { BudgetStoreUnavailableError, UsageError } from "../cli-errors.js";
import { type Command, parseCommandArgs } from "../command.js";
import { parseSince } from "../parse-values.js";
import { readSpendFile } from "../report/read-spend-file.js";
import { renderSpendReport } from "../report/render-spend-report.js";

const OPTIONS = {
  redis: { type: "string" },
  "budget-id": { type: "string" },
  file: { type: "string" },
  since: { type: "string" },
  until: { type: "string" },
  by: { type: "string" },
  json: { type: "boolean" },
} as const;

const DEFAULT_BY = "metadata.agent,provider,model";

export const reportCommand: Command = {
  name: "report",
  summary: "spend per agent, provider and model, from a spend ledger",
  usage: `llmc report --budget-id ID [--redis URL] [options]    (the shared Redis ledger)
llmc report --file spend.jsonl [options]                (a file of settle events)

      --budget-id ID   any budget of the tree to report on (its root and children)
      --redis URL      default LLMC_REDIS_URL, else REDIS_URL, else redis://127.0.0.1:6379
      --file PATH      JSON lines of settle events, e.g. what \`npm run demo -- --spend-file PATH\`
                       writes
      --since WHEN     1d, 12h, 30m (ago) or a date/time (2026-12-01, 2026-12-01T09:00Z)
      --until WHEN     the same; default now
      --by KEYS        comma-separated: budget, provider, model, day, metadata.<key>
                       (default ${DEFAULT_BY})
      --json           the report as JSON (costNanos are exact)

One row per group, dearest first, then the total: calls, attempts (retries included), tokens,
cost. Every call charged through a budget appears: \`llmc run --budget-id\` records its calls in
the tree's Redis ledger, as does any program that attaches a RedisSpendLedger.`,

  async run(args, io) {
    const { values, positionals } = parseCommandArgs("report", args, OPTIONS);
    if (positionals.length > 0) {
      throw new UsageError(`unexpected argument "${positionals[0]}"`, "report");
    }
    const fromFile = values.file !== undefined;
    if (fromFile === (values["budget-id"] !== undefined)) {
      throw new UsageError(
        "report needs either --budget-id (the Redis ledger) or --file (a spend file)",
        "report",
      );
    }
    if (fromFile && values.redis !== undefined) {
      throw new UsageError("--redis goes with --budget-id, not --file", "report");
    }
    const now = Date.now();
    const since = values.since !== undefined ? parseSince("since", values.since, now) : undefined;
    const until = values.until !== undefined ? parseSince("until", values.until, now) : undefined;
    let groupBy: ReturnType<typeof checkGroupBy>;
    try {
      groupBy = checkGroupBy(
        (values.by ?? DEFAULT_BY)
          .split(",")
          .map((key) => key.trim())
          .filter((key) => key !== ""),
      );
    } catch (error) {
      throw new UsageError(`--by: ${(error as Error).message}`, "report");
    }
    const query = { since, until, groupBy, budgetId: values["budget-id"] };

    let report: SpendReport;
    if (fromFile) {
      const ledger: SpendLedger = new InMemorySpendLedger({
        events: await readSpendFile(values.file!),
      });
      report = await ledger.report(query);
    } else {
      report = await redisReport(redisUrl(values.redis, io.env), query);
    }
    io.stdout.write(
      values.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderSpendReport(report)}\n`,
    );
    return 0;
  },
};

async function redisReport(
  url: string,
  query: Parameters<SpendLedger["report"]>[0],
): Promise<SpendReport> {
  const { RedisSpendLedger } = await loadBudgetRedis("llmc report --budget-id");
  let ledger: Awaited<ReturnType<typeof RedisSpendLedger.connect>>;
  try {
    ledger = await RedisSpendLedger.connect({ url });
  } catch (error) {
    throw new BudgetStoreUnavailableError(
      `Could not connect to Redis at ${withoutCredentials(url)}: start it, or point --redis ` +
        "(or LLMC_REDIS_URL) at yours.",
      { cause: error },
    );
  }
  try {
    return await ledger.report(query);
  } finally {
    await ledger.close();
  }
}
