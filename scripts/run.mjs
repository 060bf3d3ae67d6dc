#!/usr/bin/env node
// The two quick-start entry points, runnable on a machine with only Node.js and npm:
//   npm run demo   → install, build, run the demo
//   npm test       → install, build, type-check, lint, packaging check, then the whole suite on
//                    Node 22 and 24
// pnpm comes from the npm registry through npx, pinned to the version in package.json. On a Node
// older than 22.12 the script first re-runs itself under Node 22 fetched from npm.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { reRunUnderSupportedNode } from "./require-supported-node.mjs";

reRunUnderSupportedNode(fileURLToPath(import.meta.url));

const root = new URL("..", import.meta.url).pathname;
const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pnpm = ["npx", "-y", packageManager];

function run(command, args, options = {}) {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function must(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`\n✗ ${command} ${args.join(" ")} exited with ${status}`);
    process.exit(status);
  }
}

function install() {
  must(pnpm[0], [...pnpm.slice(1), "install", "--frozen-lockfile"]);
}

/**
 * Installs only what the demo builds and runs: the demo's own dependency graph (its workspace
 * packages and their dependencies) plus the root's build tools (turbo, TypeScript). It leaves
 * out what only the tests need, above all the `claude` CLI (384 MB, a dev dependency of
 * @llmc/claude-code, which the demo does not use). `npm test` installs everything.
 */
function installForDemo() {
  must(pnpm[0], [
    ...pnpm.slice(1),
    "install",
    "--frozen-lockfile",
    "--filter",
    "@llmc/demo...",
    "--filter",
    "llm-connect",
  ]);
}

function ensureRedis() {
  if (spawnSync("redis-server", ["--version"]).status === 0) return;
  const canApt = process.getuid?.() === 0 && spawnSync("apt-get", ["--version"]).status === 0;
  if (!canApt) {
    console.error(
      "✗ The distributed-budget tests need redis-server on PATH. Install it (Debian/Ubuntu: " +
        "`sudo apt-get install -y redis-server`, macOS: `brew install redis`) and run again.",
    );
    process.exit(1);
  }
  must("apt-get", ["update", "-qq"]);
  must("apt-get", ["install", "-y", "-qq", "redis-server"], {
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

/** Runs the vitest suite with one Node version; returns the counts from its JSON report. */
function vitestOn(nodeVersion) {
  const reportDir = join(root, ".test-results");
  mkdirSync(reportDir, { recursive: true });
  const report = join(reportDir, `node-${nodeVersion}.json`);
  rmSync(report, { force: true });
  const vitest = join(root, "node_modules/vitest/vitest.mjs");
  const args = ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
  const current = process.versions.node.split(".")[0];
  const status =
    nodeVersion === current
      ? run(process.execPath, [vitest, ...args])
      : run("npx", ["-y", `node@${nodeVersion}`, vitest, ...args]);
  if (!existsSync(report)) return { nodeVersion, status, passed: 0, failed: 0, skipped: 0 };
  const json = JSON.parse(readFileSync(report, "utf8"));
  return {
    nodeVersion,
    status,
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    skipped: json.numPendingTests + json.numTodoTests,
  };
}

function test() {
  install();
  must(pnpm[0], [...pnpm.slice(1), "exec", "turbo", "run", "build", "typecheck"]);
  must(pnpm[0], [...pnpm.slice(1), "exec", "biome", "check", "--error-on-warnings", "."]);
  must(process.execPath, [join(root, "scripts/check-packaging.mjs")]);
  ensureRedis();
  const versions = (process.env.LLMC_TEST_NODE_VERSIONS ?? "22,24").split(",").map((v) => v.trim());
  const runs = versions.map(vitestOn);
  console.log("\nSuite per Node.js version:");
  for (const r of runs) {
    console.log(
      `  node ${r.nodeVersion}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (exit ${r.status})`,
    );
  }
  const passed = runs.reduce((sum, r) => sum + r.passed, 0);
  const failed = runs.reduce((sum, r) => sum + r.failed, 0);
  const broken = runs.some((r) => r.status !== 0 || r.skipped > 0 || r.passed === 0);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(broken || failed > 0 ? 1 : 0);
}

function demo() {
  installForDemo();
  must(pnpm[0], [...pnpm.slice(1), "exec", "turbo", "run", "build", "--filter", "@llmc/demo..."]);
  must(process.execPath, [join(root, "packages/demo/dist/main.js"), ...process.argv.slice(3)]);
}

const task = process.argv[2];
if (task === "test") test();
else if (task === "demo") demo();
else {
  console.error("usage: node scripts/run.mjs <test|demo>");
  process.exit(2);
}
