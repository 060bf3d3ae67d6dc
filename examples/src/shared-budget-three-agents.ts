// Three agents share one $0.01 budget. They work concurrently until the budget cannot cover
// another call: that call is refused before it is sent, and the total never passes the cap.
import { BudgetTracker, LLMBudgetExceededError } from "@llmc/core";
import { OpenAIAdapter } from "@llmc/openai";

const budget = new BudgetTracker({ total: 0.01, name: "team" });
const gpt = new OpenAIAdapter();
const spentBy = new Map<string, number>();

async function agent(name: string): Promise<void> {
  for (let turn = 1; ; turn++) {
    try {
      const r = await gpt.executePrompt(`${name}, turn ${turn}: one more idea, please.`, {
        model: "gpt-4o",
        maxOutputTokens: 200, // worst case per call: ~$0.002 at gpt-4o prices
        budgetTracker: budget,
        metadata: { agent: name },
      });
      spentBy.set(name, (spentBy.get(name) ?? 0) + (r.costUsd ?? 0));
    } catch (error) {
      if (!LLMBudgetExceededError.isInstance(error)) throw error;
      console.log(
        `${name} stopped at turn ${turn}: needed $${error.requested.toFixed(6)}, refused`,
      );
      return;
    }
  }
}

await Promise.all(["planner", "researcher", "writer"].map(agent));
for (const [name, spent] of spentBy) console.log(`${name.padEnd(10)} spent $${spent.toFixed(6)}`);
console.log(`team spent $${budget.spent.toFixed(6)} of $${budget.total} (never more)`);
