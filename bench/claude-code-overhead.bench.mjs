#!/usr/bin/env node
// What does ClaudeCodeAdapter (with a BudgetTracker attached) cost on top of running the same
// `claude` CLI directly?
//
// - The simulator (@llmc/testing) runs in a CHILD process (this same file, started with
//   `--simulator`), so its HTTP server never shares the event loop with the code under test.
// - (a) direct: `spawn(claude, args, { env, detached: true })` with exactly the argv,
//   environment and spawn options the adapter uses, prompt written to stdin, stdout read to the
//   end and its JSON result parsed.
//   (b) adapter: `executePrompt(...)` with a BudgetTracker: config validation, reservation,
//   process-group spawn, line parsing, error mapping, settlement.
// - One warm-up each, then 10 runs each, alternating a/b (ABBA order) so drift hits both
//   alike. Wall time per call; the medians are compared. Target: b/a ≤ 1.05.
// - Prints both medians and their ratio (plus the median of per-round ratios, steadier on a busy
//   machine) and writes .bench-results/claude-code.json. One CLI run varies by ±10% from the
//   next on a loaded 2-core machine; the adapter's own work is a few milliseconds.
//
// Run after a build: `npx -y pnpm@10.34.8 turbo run build --filter @llmc/claude-code...` then
// `node bench/claude-code-overhead.bench.mjs` from the repo root. Loopback only. Each run
// starts the real CLI (~0.6 s, ~290 MiB), so the whole benchmark takes about half a minute.
import { execFileSync, fork, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const packageDir = (name) => join(root, "packages", name);
const RUNS = 10;
const MODEL = "claude-haiku-4-5";
const MAX_OUTPUT_TOKENS = 100;
const PROMPT = "Say hello";

if (process.argv.includes("--simulator")) {
  const { startSimulator } = await import(
    pathToFileURL(join(packageDir("testing"), "dist/index.js")).href
  );
  const sim = await startSimulator({ maxRecordedRequests: 16 });
  sim.setDefault("anthropic", {
    text: "Hello from the simulator.",
    usage: { inputTokens: 1000, outputTokens: 6 },
  });
  process.send?.({ baseUrl: sim.anthropic.baseUrl });
  process.on("disconnect", () => {
    sim.close().then(() => process.exit(0));
  });
} else {
  await main();
}

async function main() {
  const load = (pkg, file) => import(pathToFileURL(join(packageDir(pkg), "dist", file)).href);
  const { BudgetTracker } = await load("core", "index.js");
  const { ClaudeCodeAdapter } = await load("claude-code", "index.js");
  // The adapter's own builders, so the direct run gets exactly the same argv and environment.
  const { buildClaudeArgs } = await load("claude-code", "build-claude-args.js");
  const { buildClaudeEnv } = await load("claude-code", "build-claude-env.js");
  const executable = join(packageDir("claude-code"), "node_modules", ".bin", "claude");
  const cliVersion = execFileSync(executable, ["--version"], { encoding: "utf8" }).trim();

  const simulator = fork(fileURLToPath(import.meta.url), ["--simulator"], { stdio: "inherit" });
  const { baseUrl } = await new Promise((resolve) => simulator.once("message", resolve));
  const home = mkdtempSync(join(tmpdir(), "llmc-bench-claude-home-"));
  const cwd = mkdtempSync(join(tmpdir(), "llmc-bench-claude-cwd-"));

  const adapter = new ClaudeCodeAdapter({
    executable,
    cwd,
    homeDir: home,
    apiKey: "sk-test",
    baseUrl,
    maxRetries: 0,
  });
  const args = buildClaudeArgs({
    model: MODEL,
    stream: false,
    systemPrompt: undefined,
    systemPromptMode: "replace",
    tools: [],
    allowedTools: undefined,
    permissionMode: undefined,
    maxTurns: 1,
    maxBudgetUsd: undefined,
    settingSources: [],
    sessionPersistence: false,
    // The adapter runs `--bare` whenever the CLI gets an API key, as it does here.
    bare: true,
  });
  const env = buildClaudeEnv({
    parentEnv: process.env,
    homeDir: home,
    apiKey: "sk-test",
    authToken: undefined,
    baseUrl,
    extraEnv: undefined,
    maxOutputTokens: MAX_OUTPUT_TOKENS,
    timeoutMs: undefined,
  });

  const direct = () =>
    new Promise((resolve, reject) => {
      // Same spawn options as the adapter: in its own session the CLI starts ~5% faster
      // (measured), which would otherwise be credited to the adapter.
      const child = spawn(executable, args, {
        cwd,
        env,
        stdio: ["pipe", "pipe", "pipe"],
        detached: true,
      });
      let stdout = "";
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk) => {
        stdout += chunk;
      });
      child.stderr.resume();
      child.on("error", reject);
      child.on("close", (code) => {
        const result = JSON.parse(stdout.trim().split("\n").at(-1));
        if (code !== 0 || result.is_error) reject(new Error(`direct run failed: ${stdout}`));
        else resolve(result.result);
      });
      child.stdin.end(PROMPT);
    });
  const viaAdapter = async () => {
    const budget = new BudgetTracker({ total: 1 });
    const result = await adapter.executePrompt(PROMPT, {
      model: MODEL,
      maxOutputTokens: MAX_OUTPUT_TOKENS,
      budgetTracker: budget,
    });
    if (budget.spent !== result.costUsd) throw new Error("budget not settled");
    return result.text;
  };
  const timed = async (run) => {
    const started = performance.now();
    const text = await run();
    if (text !== "Hello from the simulator.") throw new Error(`unexpected text ${text}`);
    return performance.now() - started;
  };

  await timed(direct);
  await timed(viaAdapter);
  const directMs = [];
  const adapterMs = [];
  for (let round = 0; round < RUNS; round++) {
    // ABBA: a b b a a b b a …
    if (round % 2 === 0) {
      directMs.push(await timed(direct));
      adapterMs.push(await timed(viaAdapter));
    } else {
      adapterMs.push(await timed(viaAdapter));
      directMs.push(await timed(direct));
    }
  }
  simulator.disconnect();
  rmSync(home, { recursive: true, force: true });
  rmSync(cwd, { recursive: true, force: true });

  const median = (values) => {
    const sorted = [...values].sort((x, y) => x - y);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const medianDirectMs = median(directMs);
  const medianAdapterMs = median(adapterMs);
  const ratio = medianAdapterMs / medianDirectMs;
  // Each round's two runs share the machine's state (other load, caches), so the median of the
  // per-round ratios is steadier than the ratio of medians on a busy machine.
  const pairedRatio = median(adapterMs.map((ms, index) => ms / directMs[index]));
  const round1 = (ms) => Math.round(ms * 10) / 10;
  console.log(`claude CLI ${cliVersion}, ${RUNS} runs each, model ${MODEL}, alternating`);
  console.log(`  direct spawn   median ${round1(medianDirectMs)} ms`);
  console.log(`  adapter        median ${round1(medianAdapterMs)} ms`);
  console.log(
    `  ratio          ${ratio.toFixed(3)} (target ≤ 1.05) ${ratio <= 1.05 ? "OK" : "OVER"}`,
  );
  console.log(`  paired ratio   ${pairedRatio.toFixed(3)} (median of per-round adapter/direct)`);

  const out = join(root, ".bench-results");
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, "claude-code.json"),
    `${JSON.stringify(
      {
        benchmark: "claude-code-overhead",
        date: new Date().toISOString(),
        node: process.version,
        cli: cliVersion,
        cpus: cpus().length,
        loadAverage: loadavg(),
        runs: RUNS,
        model: MODEL,
        medianDirectMs: round1(medianDirectMs),
        medianAdapterMs: round1(medianAdapterMs),
        ratio: Math.round(ratio * 1000) / 1000,
        pairedRatio: Math.round(pairedRatio * 1000) / 1000,
        target: 1.05,
        directMs: directMs.map(round1),
        adapterMs: adapterMs.map(round1),
      },
      null,
      2,
    )}\n`,
  );
  console.log(`  wrote ${join(out, "claude-code.json")}`);
}
