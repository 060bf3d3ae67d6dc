#!/usr/bin/env node
// Heap after many calls: --calls (default 100,000) budgeted calls through each adapter, 64 in
// flight, against the simulator in its own process. After a warm-up, heapUsed is read after a
// full GC at 10k, 50k and 100k calls: a flat line means no per-call leak (budget reservations,
// listeners, settled-id memory). Re-runs itself with --expose-gc when needed. Writes
// .bench-results/heap.json.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "./lib/args.mjs";
import { describeMachine, peerVersions, resultsDir } from "./lib/machine.mjs";
import { startSimulatorProcess } from "./lib/simulator-process.mjs";
import { geminiVariants, openAIVariants } from "./lib/variants.mjs";

if (typeof globalThis.gc !== "function") {
  execFileSync(
    process.execPath,
    ["--expose-gc", fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: "inherit",
    },
  );
  process.exit(0);
}

const options = parseArgs({
  calls: 100_000,
  warmup: 2_000,
  inFlight: 64,
  variants: "openai:llmc + budget,gemini:llmc + budget,openai:raw openai",
  out: "",
});
const checkpoints = [0.1, 0.5, 1].map((fraction) => Math.round(options.calls * fraction));
const machine = describeMachine();
console.log("machine:", JSON.stringify(machine));

const heapMiB = () => {
  globalThis.gc();
  globalThis.gc();
  return Number((process.memoryUsage().heapUsed / 2 ** 20).toFixed(1));
};

const sim = await startSimulatorProcess();
const rows = [];
try {
  const sets = {
    openai: openAIVariants(sim.openaiBaseURL),
    gemini: geminiVariants(sim.geminiBaseUrl),
  };
  for (const spec of String(options.variants).split(",")) {
    const [set, name] = spec.split(":");
    const call = sets[set][name].generate;
    let done = 0;
    const runUntil = async (target) => {
      const worker = async () => {
        while (done < target) {
          done++;
          await call();
        }
      };
      await Promise.all(Array.from({ length: options.inFlight }, worker));
    };
    await runUntil(options.warmup);
    done = 0;
    const row = { variant: `${set}: ${name}`, afterWarmupMiB: heapMiB() };
    for (const checkpoint of checkpoints) {
      await runUntil(checkpoint);
      row[`after${checkpoint}MiB`] = heapMiB();
    }
    rows.push(row);
    console.log(JSON.stringify(row));
  }
} finally {
  await sim.stop();
}
mkdirSync(resultsDir, { recursive: true });
const out = options.out || join(resultsDir, "heap.json");
writeFileSync(
  out,
  `${JSON.stringify({ benchmark: "heap", machine, versions: peerVersions(), calls: options.calls, inFlight: options.inFlight, checkpoints, rows }, null, 2)}\n`,
);
console.log(`wrote ${out}`);
