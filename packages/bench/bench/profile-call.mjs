#!/usr/bin/env node
import { writeFileSync } from "node:fs";
// Where does one variant's per-call time go? Runs `--calls` sequential calls of one variant
// against the simulator (separate process) after a warm-up, under the V8 CPU profiler, and
// prints the top self-time frames. Not part of `pnpm bench`; used to find overhead to remove.
//   node bench/profile-call.mjs --set=openai --variant="llmc + budget" --calls=5000
import { Session } from "node:inspector/promises";
import { parseArgs } from "./lib/args.mjs";
import { startSimulatorProcess } from "./lib/simulator-process.mjs";
import { geminiVariants, openAIVariants } from "./lib/variants.mjs";

const options = parseArgs({
  set: "openai",
  variant: "llmc + budget",
  calls: 5000,
  kind: "generate",
  top: 30,
  out: "",
});
const sim = await startSimulatorProcess();
try {
  const variants =
    options.set === "openai"
      ? openAIVariants(sim.openaiBaseURL)
      : geminiVariants(sim.geminiBaseUrl);
  const call = variants[options.variant][options.kind];
  for (let i = 0; i < 500; i++) await call();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 50 });
  await session.post("Profiler.start");
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < options.calls; i++) await call();
  const cpu = process.cpuUsage(cpuBefore);
  const { profile } = await session.post("Profiler.stop");
  if (options.out) writeFileSync(options.out, JSON.stringify(profile));
  console.log(
    `${options.variant} (${options.set}, ${options.kind}): ${Math.round((cpu.user + cpu.system) / options.calls)} µs CPU per call`,
  );
  printTop(profile, options.top, options.calls);
} finally {
  await sim.stop();
}

function printTop(profile, top, calls) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url
      ? `${url.replace(/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "").replace(/.*\/packages\//, "packages/")}:${lineNumber + 1}`
      : "";
    const key = `${functionName || "(anonymous)"} ${where}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [key, us] of rows) {
    console.log(
      `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / calls).toFixed(1).padStart(6)} µs/call  ${key}`,
    );
  }
}
