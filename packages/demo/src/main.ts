#!/usr/bin/env node
import { runDelegationChain } from "./delegation-chain.js";
import { createDemoProviders } from "./providers.js";
import type { DemoView } from "./view/demo-view.js";
import { LiveView } from "./view/live-view.js";
import { PlainView } from "./view/plain-view.js";

const providers = await createDemoProviders();
const mode = (live: boolean) => (live ? "live" : "local simulator");
console.log("llm-connect demo: agent A → B → C, one budget, three providers\n");
console.log(`  A  ${providers.planner.model} (OpenAI, ${mode(providers.planner.live)})`);
console.log(`  B  ${providers.researcher.model} (Gemini, ${mode(providers.researcher.live)})`);
console.log(`  C  ${providers.writer.model} (OpenRouter, ${mode(providers.writer.live)})\n`);

// A terminal gets the live view (colour unless NO_COLOR); a pipe or a log gets plain lines.
const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "";
const view: DemoView = process.stdout.isTTY
  ? new LiveView(process.stdout, { color: !noColor && process.env.TERM !== "dumb" })
  : new PlainView(process.stdout);

try {
  const outcome = await runDelegationChain(providers, {
    onBudgets: (budgets) => view.budgets(budgets),
    onCallStart: (call) => view.callStarted(call),
    onDelta: (text) => view.delta(text),
    onStep: (step) => view.step(step),
  });
  const refused = outcome.steps.at(-1)?.refused;
  const footer = [
    ...(providers.simulator
      ? [`Requests the simulator served: ${providers.simulator.requestCount()}`]
      : []),
    refused
      ? `The last call was refused before it was sent: ${refused.message}`
      : "The last call was not refused — the budget did not hold!",
  ];
  view.end(outcome, footer);
  process.exitCode = refused ? 0 : 1;
} finally {
  await providers.close();
}
