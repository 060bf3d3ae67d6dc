// One budget in Redis shared by every process that runs this program: start it twice (or on
// ten machines) and together they stop at the cap. Each run calls until the shared budget
// refuses, then prints what it spent and what the budget shows.
//   REDIS_URL=redis://127.0.0.1:6379 node dist/redis-shared-budget.js &
//   REDIS_URL=redis://127.0.0.1:6379 node dist/redis-shared-budget.js
import { RedisBudgetStore } from "@llmc/budget-redis";
import { BudgetTracker, LLMBudgetExceededError } from "@llmc/core";
import { OpenAIAdapter } from "@llmc/openai";

const budgetId = process.env.LLMC_EXAMPLE_BUDGET_ID ?? "example-shared";
const store = await RedisBudgetStore.connect({
  url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
});
try {
  await store.createBudget(budgetId, 0.01); // the first process creates it; later ones reuse it
  const budget = new BudgetTracker({ total: 0.01, id: budgetId, store });
  const gpt = new OpenAIAdapter();
  let calls = 0;
  let spent = 0;
  for (;;) {
    try {
      const r = await gpt.executePrompt(`Call ${calls + 1} from process ${process.pid}`, {
        model: "gpt-4o",
        maxOutputTokens: 100,
        budgetTracker: budget,
      });
      calls++;
      spent += r.costUsd ?? 0;
    } catch (error) {
      if (!LLMBudgetExceededError.isInstance(error)) throw error;
      break;
    }
  }
  const shared = await store.getBudget(budgetId);
  console.log(JSON.stringify({ pid: process.pid, calls, spent, budget: shared }));
} finally {
  await store.close();
}
