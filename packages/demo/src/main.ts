#!/usr/bin/env node
import { type ChainStep, runDelegationChain } from "./delegation-chain.js";
import { createDemoProviders } from "./providers.js";
import { formatBudgetTable, formatStep } from "./report.js";

const providers = await createDemoProviders();
const mode = (live: boolean) => (live ? "live" : "local simulator");
console.log("llm-connect demo: agent A → B → C, one budget, three providers\n");
console.log(`  A  ${providers.planner.model} (OpenAI, ${mode(providers.planner.live)})`);
console.log(`  B  ${providers.researcher.model} (Gemini, ${mode(providers.researcher.live)})`);
console.log(`  C  ${providers.writer.model} (OpenRouter, ${mode(providers.writer.live)})\n`);

try {
  const servedRequests = () => providers.simulator?.requestCount() ?? 0;
  let streaming = false;
  const outcome = await runDelegationChain(providers, {
    onDelta: (text) => {
      if (!streaming) process.stdout.write("  C  streaming: ");
      streaming = true;
      process.stdout.write(text);
    },
    onStep: (step: ChainStep) => {
      if (streaming) process.stdout.write("\n");
      streaming = false;
      console.log(formatStep(step));
    },
  });
  console.log(`\n${formatBudgetTable(Object.values(outcome.budgets))}`);
  if (providers.simulator) console.log(`\nRequests the simulator served: ${servedRequests()}`);
  const refused = outcome.steps.at(-1)?.refused;
  console.log(
    refused
      ? `\nThe last call was refused before it was sent: ${refused.message}`
      : "\nThe last call was not refused — the budget did not hold!",
  );
  process.exitCode = refused ? 0 : 1;
} finally {
  await providers.close();
}
