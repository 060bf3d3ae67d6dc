#!/usr/bin/env node
// What `runAgent`'s loop costs per step, against the same loop written by hand with
// `executePrompt` (the floor: push the assistant message, run the tools, push their results,
// call again), in ONE process, ONE run, interleaved round by round.
//
// Each run is `--steps` model calls: the model calls one tool per step, then answers. Both
// variants use the same adapter, model, tools and budget. Two sets:
//   - mock: `MockAdapter` in process, no HTTP: the loop's own overhead with nothing to hide it
//     (the harshest ratio);
//   - openai: `OpenAIAdapter` against the simulator in a child process, when the adapter
//     supports tools (what a user sees: the loop next to a real SDK and a socket).
// Reported per variant: the median over rounds of (variant time / by-hand time in the same
// round), wall µs per step, CPU µs per step, and the extra CPU µs per step of the loop.
//
// Flags: --rounds=15 --runs=40 --steps=5 --warmup=20 --sets=mock,openai
// Writes .bench-results/agent-loop-node<major>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runAgent } from "@llmc/agent";
import { BudgetTracker, tool } from "@llmc/core";
import { OpenAIAdapter } from "@llmc/openai";
import { MockAdapter } from "@llmc/testing";
import { z } from "zod";
import { parseArgs } from "./lib/args.mjs";
import { describeMachine, resultsDir } from "./lib/machine.mjs";
import { startSimulatorProcess } from "./lib/simulator-process.mjs";
import { median, round, sum } from "./lib/stats.mjs";

const options = parseArgs({
  rounds: 15,
  runs: 40,
  steps: 5,
  warmup: 20,
  sets: "mock,openai",
  out: "",
});
const machine = describeMachine();
console.log("machine:", JSON.stringify(machine));

const lookup = tool({
  description: "Look up a record",
  input: z.object({ id: z.number() }),
  execute: ({ id }) => ({ id, ok: true }),
});
const tools = { lookup };
// Enough for every run of the benchmark: the budget is on, as users run it, and never refuses.
const budgetFor = () => new BudgetTracker({ total: 1_000 });

/** The loop by hand: what a user writes with executePrompt alone. */
async function byHand(adapter, model, budget) {
  const messages = [{ role: "user", content: "Look up the records, then summarise." }];
  for (;;) {
    const r = await adapter.executePrompt(messages, {
      model,
      tools,
      budgetTracker: budget,
      maxOutputTokens: 100,
    });
    if (r.toolCalls.length === 0) return r.text;
    messages.push({ role: "assistant", content: r.text, toolCalls: r.toolCalls });
    const outputs = await Promise.all(
      r.toolCalls.map((call) => tools[call.name].execute(call.input)),
    );
    r.toolCalls.forEach((call, i) => {
      messages.push({ role: "tool", toolCallId: call.id, content: JSON.stringify(outputs[i]) });
    });
  }
}

async function withRunAgent(adapter, model, budget) {
  const run = await runAgent({
    adapter,
    model,
    prompt: "Look up the records, then summarise.",
    tools,
    budgetTracker: budget,
    maxOutputTokens: 100,
    maxSteps: options.steps + 1,
  });
  if (run.stopReason !== "done" || run.steps.length !== options.steps) {
    throw new Error(`runAgent stopped with ${run.stopReason} after ${run.steps.length} steps`);
  }
  return run.text;
}

/** The model's script: a tool call on each of the first `steps - 1` calls of a run, then text. */
function decide(messageCount) {
  const done = Math.floor(messageCount / 2); // user, then (assistant, tool) per finished step
  return done >= options.steps - 1;
}

const report = { benchmark: "agent-loop", machine, options, sets: {} };
let sim;
try {
  const sets = {
    mock: async () => {
      const adapter = new MockAdapter({
        fallback: (request) =>
          decide(request.messages.length)
            ? { text: "All records are fine.", usage: { inputTokens: 50, outputTokens: 8 } }
            : {
                toolCalls: [{ name: "lookup", arguments: { id: request.messages.length } }],
                usage: { inputTokens: 50, outputTokens: 8 },
              },
      });
      return { adapter, model: "mock-small" };
    },
    openai: async () => {
      const probe = new OpenAIAdapter({ apiKey: "sk-test", baseURL: "http://127.0.0.1:1/v1" });
      if (!probe.capabilities?.tools) return undefined;
      sim = await startSimulatorProcess("./agent-simulator-child.mjs", [String(options.steps)]);
      const adapter = new OpenAIAdapter({
        apiKey: "sk-test",
        baseURL: sim.openaiBaseURL,
        maxRetries: 0,
      });
      return { adapter, model: "gpt-4o-mini" };
    },
  };
  for (const setName of String(options.sets).split(",")) {
    const set = await sets[setName]();
    if (!set) {
      console.log(`\n${setName}: skipped, the adapter does not support tools yet`);
      report.sets[setName] = { skipped: "the adapter does not support tools" };
      continue;
    }
    const variants = {
      "by hand (executePrompt)": () => byHand(set.adapter, set.model, budgetFor()),
      runAgent: () => withRunAgent(set.adapter, set.model, budgetFor()),
    };
    const names = Object.keys(variants);
    const floor = names[0];
    for (const name of names) for (let i = 0; i < options.warmup; i++) await variants[name]();
    const rounds = Object.fromEntries(names.map((name) => [name, []]));
    for (let index = 0; index < options.rounds; index++) {
      for (let step = 0; step < names.length; step++) {
        const name = names[(index + step) % names.length];
        rounds[name].push(
          await timed(async () => {
            for (let run = 0; run < options.runs; run++) await variants[name]();
          }),
        );
      }
    }
    const stepsPerRound = options.runs * options.steps;
    const totalSteps = stepsPerRound * options.rounds;
    const floorCpu = sum(rounds[floor].map((r) => r.cpuUs));
    const rows = names.map((name) => {
      const wall = rounds[name].map((r) => r.wallMs);
      const cpu = sum(rounds[name].map((r) => r.cpuUs));
      return {
        variant: name,
        ratioToByHand: round(median(wall.map((ms, i) => ms / rounds[floor][i].wallMs))),
        wallUsPerStep: round((sum(wall) * 1000) / totalSteps, 1),
        cpuUsPerStep: round(cpu / totalSteps, 1),
        extraCpuUsPerStep: round((cpu - floorCpu) / totalSteps, 1),
      };
    });
    report.sets[setName] = { stepsPerRun: options.steps, runsPerRound: options.runs, rows };
    console.log(
      `\n${setName}: ${options.rounds} rounds × ${options.runs} runs × ${options.steps} steps`,
    );
    console.table(
      Object.fromEntries(
        rows.map((row) => [
          row.variant,
          {
            "× by hand (median round)": row.ratioToByHand,
            "wall µs/step": row.wallUsPerStep,
            "CPU µs/step": row.cpuUsPerStep,
            "extra CPU µs/step": row.extraCpuUsPerStep,
          },
        ]),
      ),
    );
  }
} finally {
  await sim?.stop();
}

mkdirSync(resultsDir, { recursive: true });
const out =
  options.out || join(resultsDir, `agent-loop-node${process.versions.node.split(".")[0]}.json`);
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwrote ${out}`);

async function timed(run) {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await run();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs, cpuUs: cpu.user + cpu.system };
}
