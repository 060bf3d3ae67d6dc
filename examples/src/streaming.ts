// Streams an answer as it arrives; the result (usage, cost) is there once the stream ends,
// and the budget is settled with the real cost.
import { BudgetTracker } from "@llmc/core";
import { OpenRouterAdapter } from "@llmc/openrouter";

const budget = new BudgetTracker({ total: 0.01 });
const router = new OpenRouterAdapter();
const stream = router.streamPrompt("Write a haiku about budgets.", {
  model: "openai/gpt-4o-mini",
  maxOutputTokens: 100,
  budgetTracker: budget,
});
let deltas = 0;
for await (const text of stream) {
  process.stdout.write(text);
  deltas++;
}
const r = await stream.result;
console.log(
  `\n${deltas} deltas, ${r.usage.outputTokens} output tokens, $${r.costUsd?.toFixed(6)} (${r.costSource})`,
);
console.log(`budget: spent $${budget.spent.toFixed(6)}, reserved $${budget.reserved}`);
