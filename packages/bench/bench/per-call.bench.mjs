#!/usr/bin/env node
// Per-call cost of llm-connect against the libraries users would pick instead, in ONE process,
// ONE run: raw `openai` (the floor), @llmc/openai without and with a budget, the AI SDK
// (generateText/streamText) and LangChain (invoke/stream); the same for Gemini against raw
// `@google/genai`. Each is measured sequentially and with 64 calls in flight, not streamed and
// streamed, against the local simulator running in a separate process.
//
// Interleaved: every round runs each variant once (N calls), in an order rotated from round to
// round, so load from elsewhere on the machine lands on all alike. Reported per variant: the
// median over rounds of (variant time / raw SDK time in the same round), ops/s over all rounds,
// and the client process's CPU time per call (steadier than wall time on a shared machine).
//
// Flags: --rounds=15 --sequential=100 --concurrent=640 --in-flight=64 --warmup=300
//        --sets=openai,gemini --modes=sequential,concurrent --kinds=generate,stream
// Writes .bench-results/per-call-node<major>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "./lib/args.mjs";
import { describeMachine, peerVersions, resultsDir } from "./lib/machine.mjs";
import { startSimulatorProcess } from "./lib/simulator-process.mjs";
import { median, round, sum } from "./lib/stats.mjs";
import { geminiVariants, openAIVariants } from "./lib/variants.mjs";

const options = parseArgs({
  rounds: 15,
  sequential: 100,
  concurrent: 640,
  inFlight: 64,
  warmup: 300,
  sets: "openai,gemini",
  modes: "sequential,concurrent",
  kinds: "generate,stream",
  out: "",
});

const machine = describeMachine();
const versions = peerVersions();
console.log("machine:", JSON.stringify(machine));
console.log("versions:", JSON.stringify(versions));
console.log(
  "simulator: separate process (a server in this process would share its event loop and CPU " +
    "time with the client under test)",
);

const sim = await startSimulatorProcess();
const report = {
  benchmark: "per-call",
  machine,
  versions,
  options,
  simulator: "child process",
  sets: {},
};
try {
  const sets = {
    openai: () => openAIVariants(sim.openaiBaseURL),
    gemini: () => geminiVariants(sim.geminiBaseUrl),
  };
  for (const setName of String(options.sets).split(",")) {
    const variants = sets[setName]();
    const names = Object.keys(variants);
    const floor = names[0];
    report.sets[setName] = {};
    for (const mode of String(options.modes).split(",")) {
      for (const kind of String(options.kinds).split(",")) {
        const calls = mode === "sequential" ? options.sequential : options.concurrent;
        const run = (fn, count) =>
          mode === "sequential" ? sequential(fn, count) : concurrent(fn, count, options.inFlight);
        for (const name of names) await run(variants[name][kind], options.warmup);
        const rounds = Object.fromEntries(names.map((name) => [name, []]));
        for (let index = 0; index < options.rounds; index++) {
          for (let step = 0; step < names.length; step++) {
            const name = names[(index + step) % names.length];
            rounds[name].push(await timed(() => run(variants[name][kind], calls)));
          }
        }
        const rows = names.map((name) => {
          const wall = rounds[name].map((r) => r.wallMs);
          const cpu = rounds[name].map((r) => r.cpuUs);
          const ratios = wall.map((ms, i) => ms / rounds[floor][i].wallMs);
          const totalCalls = calls * options.rounds;
          return {
            variant: name,
            opsPerSec: Math.round(totalCalls / (sum(wall) / 1000)),
            ratioToRaw: round(median(ratios)),
            cpuUsPerCall: Math.round(sum(cpu) / totalCalls),
            cpuRatioToRaw: round(sum(cpu) / sum(rounds[floor].map((r) => r.cpuUs))),
          };
        });
        const label = `${mode === "sequential" ? "sequential" : `${options.inFlight} in flight`}, ${kind === "stream" ? "streamed" : "not streamed"}`;
        report.sets[setName][`${mode}-${kind}`] = { label, callsPerRound: calls, rows };
        console.log(`\n${setName}: ${label} (${options.rounds} rounds × ${calls} calls)`);
        console.table(
          Object.fromEntries(
            rows.map((row) => [
              row.variant,
              {
                "ops/s": row.opsPerSec,
                "× raw (median round)": row.ratioToRaw,
                "CPU µs/call": row.cpuUsPerCall,
                "CPU × raw": row.cpuRatioToRaw,
              },
            ]),
          ),
        );
      }
    }
  }
} finally {
  await sim.stop();
}

mkdirSync(resultsDir, { recursive: true });
const out =
  options.out || join(resultsDir, `per-call-node${process.versions.node.split(".")[0]}.json`);
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwrote ${out}`);

async function sequential(fn, count) {
  for (let index = 0; index < count; index++) await fn();
}

async function concurrent(fn, count, inFlight) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      await fn();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
}

async function timed(run) {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await run();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs, cpuUs: cpu.user + cpu.system };
}
