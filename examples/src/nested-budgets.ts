// A job budget with a sub-budget per delegate, and a sub-sub-budget below that. Every call
// charges its own budget and every ancestor; a call is refused by the first budget in its
// chain without room, even while the job itself still has plenty.
import { BudgetTracker, LLMBudgetExceededError } from "@llmc/core";
import { OpenAIAdapter } from "@llmc/openai";

const job = new BudgetTracker({ total: 0.05, name: "job" });
const research = job.child({ total: 0.01, name: "research" });
const quotes = research.child({ total: 0.0002, name: "quotes" });
const gpt = new OpenAIAdapter();
const ask = (prompt: string, budgetTracker: BudgetTracker, maxOutputTokens: number) =>
  gpt.executePrompt(prompt, { model: "gpt-4o-mini", maxOutputTokens, budgetTracker });

await ask("Outline the report.", job, 300);
await ask("Find three sources.", research, 300);
await ask("One short quote.", quotes, 100);
try {
  await ask("Now fifty long quotes.", quotes, 2_000);
} catch (error) {
  if (!LLMBudgetExceededError.isInstance(error)) throw error;
  console.log(
    `refused by "${error.budgetName}" before sending (job still had $${job.remaining().toFixed(6)})`,
  );
}
for (const b of [job, research, quotes]) {
  console.log(`${b.name?.padEnd(8)} spent $${b.spent.toFixed(6)} of $${b.total}`);
}
