// The same question to every provider at once with Promise.all, on one shared budget: each
// call reserves its worst case before it is sent, so together they can never overspend it.
// Claude Code joins with LLMC_EXAMPLE_CLAUDE=1 (it runs the `claude` CLI; see
// one-call-per-provider.ts for the environment variables).
import { ClaudeCodeAdapter } from "@llmc/claude-code";
import { BudgetTracker, type LLMAdapter } from "@llmc/core";
import { GeminiAdapter } from "@llmc/gemini";
import { OpenAIAdapter } from "@llmc/openai";
import { OpenRouterAdapter } from "@llmc/openrouter";

const budget = new BudgetTracker({ total: 0.25, name: "fan-out" }); // Claude Code reserves ~$0.05: its CLI adds a large prompt
const contenders: [LLMAdapter, string][] = [
  [new OpenAIAdapter(), "gpt-4o-mini"],
  [new GeminiAdapter(), "gemini-2.5-flash-lite"],
  [new OpenRouterAdapter(), "openai/gpt-4o-mini"],
];
if (process.env.LLMC_EXAMPLE_CLAUDE === "1") {
  contenders.push([new ClaudeCodeAdapter(), "claude-haiku-4-5"]);
} else {
  console.log("(claude-code skipped: set LLMC_EXAMPLE_CLAUDE=1 to include the claude CLI)");
}

const results = await Promise.all(
  contenders.map(([adapter, model]) =>
    adapter.executePrompt("In one sentence: why cap LLM spending?", {
      model,
      maxOutputTokens: 100,
      timeoutMs: 120_000,
      budgetTracker: budget,
    }),
  ),
);
for (const r of results) {
  console.log(`${r.provider.padEnd(11)} $${r.costUsd?.toFixed(6)} ${r.text}`);
}
console.log(`spent $${budget.spent.toFixed(6)} of $${budget.total}, reserved $${budget.reserved}`);
