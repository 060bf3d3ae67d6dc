#!/usr/bin/env node
// Cold import: how much longer a fresh Node process takes when it imports a set of packages,
// over the same process importing nothing (`node --input-type=module -e 0`). Each set is
// timed --samples times (default 15) in interleaved rounds and the median is reported, so a
// burst of load elsewhere hits every set alike. Packages resolve from this bench package, as an
// application's own node_modules would. Writes .bench-results/cold-import.json.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "./lib/args.mjs";
import { benchDir, describeMachine, peerVersions, resultsDir } from "./lib/machine.mjs";
import { median, round } from "./lib/stats.mjs";

export const IMPORT_SETS = {
  "raw openai": ["openai"],
  "ai + @ai-sdk/openai": ["ai", "@ai-sdk/openai"],
  "LangChain (@langchain/openai)": ["@langchain/openai"],
  "@llmc/core": ["@llmc/core"],
  "@llmc/core + @llmc/openai": ["@llmc/core", "@llmc/openai"],
  "raw @google/genai": ["@google/genai"],
  "ai + @ai-sdk/google": ["ai", "@ai-sdk/google"],
  "LangChain (@langchain/google-genai)": ["@langchain/google-genai"],
  "@llmc/core + @llmc/gemini": ["@llmc/core", "@llmc/gemini"],
};

const options = parseArgs({ samples: 15, sets: Object.keys(IMPORT_SETS).join(","), out: "" });
const machine = describeMachine();
console.log("machine:", JSON.stringify(machine));

const code = (packages) =>
  packages.map((name) => `await import(${JSON.stringify(name)});`).join("") || "0";
const timeOnce = (packages) => {
  const start = performance.now();
  execFileSync(process.execPath, ["--input-type=module", "-e", code(packages)], {
    cwd: benchDir,
    stdio: "ignore",
  });
  return performance.now() - start;
};

const names = String(options.sets).split(",");
const samples = Object.fromEntries(["(nothing)", ...names].map((name) => [name, []]));
for (const name of names) timeOnce(IMPORT_SETS[name]); // warm the file system cache
for (let index = 0; index < options.samples; index++) {
  samples["(nothing)"].push(timeOnce([]));
  for (const name of names) samples[name].push(timeOnce(IMPORT_SETS[name]));
}
const baseline = median(samples["(nothing)"]);
const rows = names.map((name) => ({
  set: name,
  packages: IMPORT_SETS[name],
  medianMs: round(median(samples[name]), 1),
  extraMs: round(median(samples[name]) - baseline, 1),
}));
console.log(
  `node --input-type=module -e 0: ${baseline.toFixed(1)} ms (median of ${options.samples})`,
);
console.table(
  Object.fromEntries(rows.map((row) => [row.set, { ms: row.medianMs, "extra ms": row.extraMs }])),
);
mkdirSync(resultsDir, { recursive: true });
const out = options.out || join(resultsDir, "cold-import.json");
writeFileSync(
  out,
  `${JSON.stringify({ benchmark: "cold-import", machine, versions: peerVersions(), samples: options.samples, baselineMs: round(baseline, 1), rows }, null, 2)}\n`,
);
console.log(`wrote ${out}`);
