import { BudgetTracker, type LLMAdapter, type LLMResult, type RunConfig } from "@llmc/core";
import {
  connectStore,
  loadBudgetRedis,
  type RedisStore,
  redisUrl,
  trackerForStoredBudget,
} from "../budget/redis-budget.js";
import { UsageError } from "../cli-errors.js";
import type { CliIo } from "../cli-io.js";
import { paletteFor } from "../color.js";
import { type Command, parseCommandArgs } from "../command.js";
import { count, seconds, usd } from "../format.js";
import { parseDuration, parsePositiveInt, parseUsd } from "../parse-values.js";
import { createAdapter, providerOrUsageError } from "../providers/load-provider.js";
import { readAll } from "../read-stdin.js";

const OPTIONS = {
  provider: { type: "string", short: "p" },
  model: { type: "string", short: "m" },
  system: { type: "string", short: "s" },
  "max-output-tokens": { type: "string" },
  budget: { type: "string" },
  timeout: { type: "string" },
  schema: { type: "string" },
  json: { type: "boolean" },
  "no-stream": { type: "boolean" },
  "base-url": { type: "string" },
  redis: { type: "string" },
  "budget-id": { type: "string" },
  meta: { type: "string", multiple: true },
} as const;

export const runCommand: Command = {
  name: "run",
  summary: "send one prompt and print the answer",
  usage: `llmc run [prompt] --provider P [options]      (the prompt from stdin when not given)

  -p, --provider P            openai | gemini | openrouter | claude-code | a preset (llmc providers)
                              default: LLMC_PROVIDER
  -m, --model M               default: LLMC_MODEL, else the provider's default (llmc providers)
  -s, --system S              system prompt
      --max-output-tokens N   cap on the answer's tokens
      --budget USD            refuse the call unless its worst case fits USD (before sending it)
      --budget-id ID          charge a shared Redis budget instead (create it first: llmc budget)
      --redis URL             where it lives (default LLMC_REDIS_URL, REDIS_URL, 127.0.0.1:6379)
      --meta KEY=VALUE        the call's metadata (repeatable), e.g. --meta agent=triage: kept in
                              the result and the spend ledger (llmc report --by metadata.agent)
      --timeout 30s           deadline for the whole call, retries included (ms, s, m, h)
      --base-url URL          another endpoint speaking the provider's protocol
      --json                  print the whole result as JSON (no streaming, no summary line)
      --no-stream             wait for the whole answer even on a terminal
      --schema file.json      structured output: not available yet
  -v, --verbose               on error, print the cause chain

On a terminal the answer streams as it arrives; then one summary line goes to stderr
(tokens, cost and where it came from, time, budget left).`,

  async run(args, io) {
    const { values, positionals } = parseCommandArgs("run", args, OPTIONS);
    if (values.schema !== undefined) {
      throw new UsageError(
        "--schema is not available yet: structured output is not built in llm-connect so far",
        "run",
      );
    }
    if (values.budget !== undefined && values["budget-id"] !== undefined) {
      throw new UsageError(
        "use --budget (a budget for this call only) or --redis/--budget-id (a shared one), not both",
        "run",
      );
    }
    if (values.redis !== undefined && values["budget-id"] === undefined) {
      throw new UsageError("--redis needs --budget-id: which shared budget to charge", "run");
    }
    const entry = providerOrUsageError(values.provider ?? io.env.LLMC_PROVIDER, "run");
    const model = values.model ?? io.env.LLMC_MODEL ?? entry.defaultModel;
    const maxOutputTokens =
      values["max-output-tokens"] !== undefined
        ? parsePositiveInt("max-output-tokens", values["max-output-tokens"], "run")
        : undefined;
    const timeoutMs =
      values.timeout !== undefined ? parseDuration("timeout", values.timeout, "run") : undefined;
    const budgetUsd =
      values.budget !== undefined ? parseUsd("budget", values.budget, "run") : undefined;
    const metadata = parseMeta(values.meta ?? []);
    const prompt = await promptFrom(positionals, io);

    const adapter = await createAdapter(entry, { baseUrl: values["base-url"], env: io.env });
    let store: RedisStore | undefined;
    let ledger: { flush(): Promise<void> } | undefined;
    try {
      let budget: BudgetTracker | undefined;
      if (values["budget-id"] !== undefined) {
        store = await connectStore(redisUrl(values.redis, io.env), "--budget-id");
        budget = await trackerForStoredBudget(store, values["budget-id"]);
        // The call goes into the tree's spend ledger too, for `llmc report`.
        const { RedisSpendLedger } = await loadBudgetRedis("--budget-id");
        const spendLedger = new RedisSpendLedger({ client: store.client });
        spendLedger.attach(budget);
        ledger = spendLedger;
      } else if (budgetUsd !== undefined) {
        budget = new BudgetTracker({ total: budgetUsd, name: "--budget" });
      }
      const config: RunConfig = {
        model,
        signal: io.signal,
        ...(values.system !== undefined ? { systemPrompt: values.system } : {}),
        ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(budget ? { budgetTracker: budget } : {}),
        ...(metadata ? { metadata } : {}),
      };

      if (values.json) {
        const result = await adapter.executePrompt(prompt, config);
        io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return 0;
      }
      const stream = io.stdout.isTTY === true && !values["no-stream"];
      const result = stream
        ? await streamTo(adapter, prompt, config, io)
        : await printWhole(adapter, prompt, config, io);
      io.stderr.write(`${summaryLine(result, budget, io)}\n`);
      return 0;
    } finally {
      await ledger?.flush();
      await store?.close();
    }
  },
};

function parseMeta(pairs: readonly string[]): Record<string, string> | undefined {
  if (pairs.length === 0) return undefined;
  const metadata: Record<string, string> = {};
  for (const pair of pairs) {
    const cut = pair.indexOf("=");
    if (cut <= 0) throw new UsageError(`--meta expects KEY=VALUE, got "${pair}"`, "run");
    metadata[pair.slice(0, cut)] = pair.slice(cut + 1);
  }
  return metadata;
}

async function promptFrom(positionals: readonly string[], io: CliIo): Promise<string> {
  if (positionals.length > 0) return positionals.join(" ");
  if (io.stdin.isTTY === true) {
    throw new UsageError("no prompt: give it as an argument or pipe it on stdin", "run");
  }
  const text = await readAll(io.stdin);
  if (text.trim() === "") throw new UsageError("no prompt: stdin was empty", "run");
  return text;
}

async function streamTo(
  adapter: LLMAdapter,
  prompt: string,
  config: RunConfig,
  io: CliIo,
): Promise<LLMResult> {
  const stream = adapter.streamPrompt(prompt, config);
  let last = "\n";
  for await (const delta of stream) {
    io.stdout.write(delta);
    if (delta !== "") last = delta;
  }
  if (!last.endsWith("\n")) io.stdout.write("\n");
  return stream.result;
}

async function printWhole(
  adapter: LLMAdapter,
  prompt: string,
  config: RunConfig,
  io: CliIo,
): Promise<LLMResult> {
  const result = await adapter.executePrompt(prompt, config);
  io.stdout.write(result.text.endsWith("\n") ? result.text : `${result.text}\n`);
  return result;
}

/** `openai · gpt-4o-mini · 12 in / 40 out tokens · $0.000026 (price-table) · 1.2s · …` */
export function summaryLine(
  result: LLMResult,
  budget: BudgetTracker | undefined,
  io: CliIo,
): string {
  const color = paletteFor(io.stderr, io.env);
  const parts = [
    `${result.provider} ${result.model}`,
    `${count(result.usage.inputTokens)} in / ${count(result.usage.outputTokens)} out tokens`,
    `${usd(result.costUsd)} (${result.costSource})`,
    seconds(result.durationMs),
  ];
  if (result.attempts > 1) parts.push(`${result.attempts} attempts`);
  if (budget) parts.push(`budget left ${usd(budget.remaining())} of ${usd(budget.total)}`);
  return color.dim(parts.join(" · "));
}
