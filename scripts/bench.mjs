#!/usr/bin/env node
// `pnpm bench`: runs every benchmark one after another (never in parallel: they share two cores)
// and prints where each wrote its numbers, then writes the results into docs/benchmarks.md.
// Benchmarks: bench/*.bench.mjs and packages/*/bench/*.bench.mjs — among them the comparison
// with the libraries users would pick instead (packages/bench: per call, cold import, installed
// size, heap). Each compares against a baseline measured in the same run, so results are ratios.
//
//   pnpm bench                 every benchmark
//   pnpm bench per-call        only files whose path contains "per-call"
//   LLMC_BENCH_NODE_VERSIONS=22,24 pnpm bench per-call    the per-call comparison on each Node
//
// On a Node older than 22.12 this re-runs itself under Node 22 fetched from npm.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { reRunUnderSupportedNode } from "./require-supported-node.mjs";

reRunUnderSupportedNode(fileURLToPath(import.meta.url));

const root = new URL("..", import.meta.url).pathname;
const only = process.argv[2];
const files = [];
const collect = (dir) => {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (name.endsWith(".bench.mjs")) files.push(join(dir, name));
};
collect(join(root, "bench"));
for (const pkg of readdirSync(join(root, "packages")))
  collect(join(root, "packages", pkg, "bench"));

const current = process.versions.node.split(".")[0];
const perCallVersions = (process.env.LLMC_BENCH_NODE_VERSIONS ?? current).split(",");
const runOn = (version, file) =>
  version === current
    ? spawnSync(process.execPath, [file], { cwd: root, stdio: "inherit" })
    : spawnSync("npx", ["-y", `node@${version}`, file], { cwd: root, stdio: "inherit" });

mkdirSync(join(root, ".bench-results"), { recursive: true });
let failed = 0;
for (const file of files.filter((f) => !only || f.includes(only))) {
  // The per-call comparison is the one whose targets name Node versions: run it on each.
  const versions = file.endsWith("per-call.bench.mjs") ? perCallVersions : [current];
  for (const version of versions) {
    console.log(`\n=== ${file.slice(root.length)} (Node ${version})`);
    if (runOn(version, file).status !== 0) failed++;
  }
}
const report = spawnSync(process.execPath, [join(root, "packages/bench/bench/write-report.mjs")], {
  cwd: root,
  stdio: "inherit",
});
if (report.status !== 0) failed++;
console.log(`\nResults (JSON): ${join(root, ".bench-results")}; summary: docs/benchmarks.md`);
process.exit(failed > 0 ? 1 : 0);
