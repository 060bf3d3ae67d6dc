#!/usr/bin/env node
import { writeFileSync } from "node:fs";
import { InMemorySpendLedger } from "@llmc/core";
import { runAgentChain } from "./agent-chain.js";
import { formatAgentChainSummary, formatAgentStep } from "./agent-chain-report.js";
import { runDelegationChain } from "./delegation-chain.js";
import { createDemoProviders } from "./providers.js";
import { AGENT_REPORT_GROUPS } from "./view/agent-cost-table.js";
import type { DemoView } from "./view/demo-view.js";
import { LiveView } from "./view/live-view.js";
import { PlainView } from "./view/plain-view.js";

// `--spend-file PATH`: also write every settle event there, one JSON line each (`llmc report --file`).
const spendFileAt = process.argv.indexOf("--spend-file");
const spendFile = spendFileAt === -1 ? undefined : process.argv[spendFileAt + 1];
if (spendFileAt !== -1 && !spendFile) {
  console.error("--spend-file needs a path");
  process.exit(2);
}

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

// Every settle of the job's budget tree goes into the ledger; the cost table is read from it.
const ledger = new InMemorySpendLedger();
try {
  const outcome = await runDelegationChain(providers, {
    onBudgets: (budgets) => {
      ledger.attach(budgets.a);
      view.budgets(budgets);
    },
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
  await ledger.flush();
  const spend = await ledger.report({ groupBy: AGENT_REPORT_GROUPS });
  if (spendFile) {
    writeFileSync(spendFile, ledger.events.map((event) => `${JSON.stringify(event)}\n`).join(""));
    footer.push(`Spend ledger written to ${spendFile} (llmc report --file ${spendFile})`);
  }
  view.end(outcome, spend, footer);

  // The same chain again, each agent a tool loop on runAgent and each sub-agent a tool call.
  console.log(
    "\nThe same chain as tool loops (@llmc/agent runAgent): A's tool runs B, B's tool runs C, " +
      "each on a child budget\n",
  );
  const agents = await runAgentChain(providers, {
    onStep: (agent, step) => console.log(formatAgentStep(agent, step)),
  });
  for (const line of formatAgentChainSummary(agents)) console.log(line);
  const allDone = agents.runs.every((r) => r.run.stopReason === "done");
  process.exitCode = refused && allDone ? 0 : 1;
} finally {
  await providers.close();
}
