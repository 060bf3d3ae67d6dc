import type { ModelPrice } from "@llmc/core";
import { type Command, parseCommandArgs } from "../command.js";
import { count, table } from "../format.js";
import { createAdapter, providerOrUsageError } from "../providers/load-provider.js";

const perM = (rate: number | undefined) => (rate === undefined ? "-" : `$${rate}`);

export const modelsCommand: Command = {
  name: "models",
  summary: "a provider's models with prices, and the price table's date",
  usage: `llmc models --provider P [--json]

Prints the models in the provider's price table (USD per million tokens: input, cached input,
output; the most output tokens a call may ask for) and the date the prices were checked.
These prices size the worst case a budget reserves; OpenRouter and Claude Code calls are
charged what the provider reports.`,

  async run(args, io) {
    const { values } = parseCommandArgs("models", args, {
      provider: { type: "string", short: "p" },
      json: { type: "boolean" },
    });
    const entry = providerOrUsageError(values.provider ?? io.env.LLMC_PROVIDER, "models");
    if (entry.presetBaseUrl) {
      io.stdout.write(
        `${entry.name} is an OpenAI-compatible preset (${entry.presetBaseUrl}): llm-connect has no ` +
          "price table for it, so its calls report no cost and cannot be budgeted.\n",
      );
      return 0;
    }
    const adapter = await createAdapter(entry, {
      baseUrl: undefined,
      env: io.env,
      forListing: true,
    });
    const priceTable = adapter.priceTable;
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ provider: entry.name, priceTable }, null, 2)}\n`);
      return 0;
    }
    if (!priceTable) {
      io.stdout.write(`${entry.name}: no price table; pass prices to the adapter to budget it.\n`);
      return 0;
    }
    const rows = Object.entries(priceTable.models).map(([model, price]: [string, ModelPrice]) => [
      model,
      perM(price.inputPerMTok),
      perM(price.cachedInputPerMTok),
      perM(price.outputPerMTok),
      price.maxOutputTokens === undefined ? "-" : count(price.maxOutputTokens),
    ]);
    io.stdout.write(
      `${entry.label} prices as of ${priceTable.asOf} (USD per million tokens; source: ${priceTable.source})\n\n`,
    );
    io.stdout.write(`${table([["model", "input", "cached", "output", "max output"], ...rows])}\n`);
    return 0;
  },
};
