#!/usr/bin/env node
// `pnpm bench`: runs every benchmark one after another (never in parallel: they share two cores)
// and prints where each wrote its numbers. Each benchmark compares against a baseline measured in
// the same process (raw SDK vs adapter, in-memory vs Redis), so results are ratios, not absolute
// timings that depend on the machine.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

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

mkdirSync(join(root, ".bench-results"), { recursive: true });
let failed = 0;
for (const file of files.filter((f) => !only || f.includes(only))) {
  console.log(`\n=== ${file.slice(root.length)}`);
  const result = spawnSync(process.execPath, [file], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) failed++;
}
console.log(`\nResults (JSON): ${join(root, ".bench-results")}`);
process.exit(failed > 0 ? 1 : 0);
