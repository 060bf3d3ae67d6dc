#!/usr/bin/env node
// What GeminiAdapter (validation, budget reserve/settle, error mapping, usage conversion) costs
// on top of the raw @google/genai SDK, against the same local simulator.
//
// - The simulator runs in a child process, so the client side under test has its own core.
// - Both sides send the same wire request (one user turn, maxOutputTokens 100) and read text
//   and usage; the adapter also reserves and settles on a BudgetTracker.
// - Per mode (2,000 sequential calls; 2,000 calls with 64 in flight, per side): a warm-up, then
//   short rounds in which raw and adapter alternate who goes first. Reported: ops/s of each side,
//   the ratio adapter/raw of time per call (median of the paired rounds, robust to other load on
//   the machine; also the ratio of totals) and the client process's CPU time per call.
//   1.00 = no overhead; target ≤ 1.03. A third side, raw + an AbortSignal, shows what the
//   signal the adapter must pass costs inside the SDK and undici.
//
// Needs built packages: `pnpm turbo run build --filter @llmc/gemini...`.
// Writes .bench-results/gemini.json at the repo root.
import { fork } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const GEMINI_DIR = path.join(ROOT, "packages/gemini");
const CALLS = 2000;
/** Calls per round: short rounds, so each adapter round has a raw neighbour under the same load. */
const SEQUENTIAL_ROUND = 10;
const CONCURRENT_ROUND = 250;
const WARMUP = 400;
const IN_FLIGHT = 64;
const MODEL = "gemini-2.5-flash";
const KEY = "sk-test";
const TARGET = 1.03;

/** Imports a package's ESM entry as @llmc/gemini itself resolves it (same copy, same instance). */
async function importFromGemini(name) {
  const require = createRequire(path.join(GEMINI_DIR, "package.json"));
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === name) break;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package root of ${name}`);
    dir = parent;
  }
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  const entry = manifest.exports?.["."];
  const file =
    typeof entry === "string" ? entry : (entry?.node?.import ?? entry?.import ?? entry?.default);
  return {
    module: await import(pathToFileURL(path.join(dir, file)).href),
    version: manifest.version,
  };
}

// ---- child: the simulator ----
if (process.argv[2] === "--simulator") {
  const { module: testing } = await importFromGemini("@llmc/testing");
  const sim = await testing.startSimulator({ maxRecordedRequests: 1 });
  process.send({ baseUrl: sim.gemini.baseUrl });
  process.on("disconnect", () => sim.close().then(() => process.exit(0)));
} else {
  await main();
}

async function main() {
  const distEntry = path.join(GEMINI_DIR, "dist/index.js");
  if (!existsSync(distEntry)) {
    console.error("Build first: npx pnpm turbo run build --filter @llmc/gemini...");
    process.exit(1);
  }
  const { GeminiAdapter } = await import(pathToFileURL(distEntry).href);
  const { module: core } = await importFromGemini("@llmc/core");
  const { module: genai, version: sdkVersion } = await importFromGemini("@google/genai");

  const child = fork(fileURLToPath(import.meta.url), ["--simulator"], { stdio: "inherit" });
  const { baseUrl } = await new Promise((resolve) => child.once("message", resolve));

  const raw = new genai.GoogleGenAI({
    apiKey: KEY,
    vertexai: false,
    apiVersion: "v1beta",
    httpOptions: { baseUrl },
  });
  const adapter = new GeminiAdapter({ apiKey: KEY, baseUrl });
  const budget = new core.BudgetTracker({ total: 1_000_000 });

  const rawCall = (signal) => async (index) => {
    // What a careful raw-SDK user writes: one attempt, no automatic continuation.
    const response = await raw.models.generateContent({
      model: MODEL,
      contents: [{ role: "user", parts: [{ text: `question ${index}` }] }],
      config: {
        maxOutputTokens: 100,
        automaticContinuation: false,
        ...(signal ? { abortSignal: new AbortController().signal } : {}),
      },
    });
    const text = response.candidates?.[0]?.content?.parts?.[0]?.text;
    if (typeof text !== "string" || !response.usageMetadata) throw new Error("bad raw reply");
  };
  const callAdapter = async (index) => {
    const result = await adapter.executePrompt(`question ${index}`, {
      model: MODEL,
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    if (typeof result.text !== "string" || result.usage.outputTokens <= 0) {
      throw new Error("bad adapter reply");
    }
  };
  // `rawWithSignal` is informational: the same raw call plus an AbortSignal, which the adapter
  // must always pass (abort, deadline) and which costs the SDK and undici extra work per call.
  const sides = {
    raw: rawCall(false),
    rawWithSignal: rawCall(true),
    adapter: callAdapter,
  };
  const names = Object.keys(sides);

  const sequential = async (call, calls) => {
    for (let index = 0; index < calls; index++) await call(index);
  };
  const concurrent = async (call, calls) => {
    let next = 0;
    const worker = async () => {
      while (next < calls) await call(next++);
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  };
  /** Wall ms and client-process CPU µs of one round. */
  const timed = async (run, call, calls) => {
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await run(call, calls);
    const wallMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    return { wallMs, cpuUs: cpu.user + cpu.system };
  };
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const sum = (values) => values.reduce((total, value) => total + value, 0);

  const results = {};
  for (const [mode, run, roundCalls] of [
    ["sequential", sequential, SEQUENTIAL_ROUND],
    ["concurrent", concurrent, CONCURRENT_ROUND],
  ]) {
    for (const name of names) await run(sides[name], WARMUP);
    const rounds = Object.fromEntries(names.map((name) => [name, []]));
    // Short rounds, rotating who goes first: neighbours in time see the same machine load
    // (other processes share these cores), so per-round ratios cancel most of that noise.
    for (let round = 0; round < Math.ceil(CALLS / roundCalls); round++) {
      for (let step = 0; step < names.length; step++) {
        const name = names[(round + step) % names.length];
        rounds[name].push(await timed(run, sides[name], roundCalls));
      }
    }
    const calls = rounds.raw.length * roundCalls;
    const opsPerSec = (name) => calls / (sum(rounds[name].map((r) => r.wallMs)) / 1000);
    const cpuPerCall = (name) => Math.round(sum(rounds[name].map((r) => r.cpuUs)) / calls);
    /** Time per call of `a` over `b`, median of the paired rounds; 1.00 = no overhead. */
    const ratio = (a, b) =>
      median(rounds[a].map((round, index) => round.wallMs / rounds[b][index].wallMs));
    const headline = ratio("adapter", "raw");
    results[mode] = {
      callsPerSide: calls,
      roundCalls,
      inFlight: mode === "concurrent" ? IN_FLIGHT : 1,
      opsPerSec: Object.fromEntries(names.map((name) => [name, Math.round(opsPerSec(name))])),
      ratioAdapterOverRaw: Number(headline.toFixed(4)),
      ratioAdapterOverRawWithSignal: Number(ratio("adapter", "rawWithSignal").toFixed(4)),
      ratioOfTotalsAdapterOverRaw: Number((opsPerSec("raw") / opsPerSec("adapter")).toFixed(4)),
      clientCpuUsPerCall: Object.fromEntries(names.map((name) => [name, cpuPerCall(name)])),
    };
    console.log(
      `${mode}: raw ${Math.round(opsPerSec("raw"))} ops/s, raw+signal ` +
        `${Math.round(opsPerSec("rawWithSignal"))} ops/s, adapter ${Math.round(opsPerSec("adapter"))} ops/s\n` +
        `  adapter/raw time per call ${headline.toFixed(3)} (median of ${calls / roundCalls} paired ` +
        `rounds; ratio of totals ${(opsPerSec("raw") / opsPerSec("adapter")).toFixed(3)}; target ≤ ${TARGET}); ` +
        `adapter/raw+signal ${ratio("adapter", "rawWithSignal").toFixed(3)}\n` +
        `  client CPU per call: raw ${cpuPerCall("raw")} µs, raw+signal ${cpuPerCall("rawWithSignal")} µs, ` +
        `adapter ${cpuPerCall("adapter")} µs`,
    );
  }
  if (budget.reserved !== 0) throw new Error(`budget left ${budget.reserved} reserved`);

  const report = {
    benchmark: "gemini-adapter-overhead",
    date: new Date().toISOString(),
    node: process.version,
    sdk: `@google/genai@${sdkVersion}`,
    model: MODEL,
    warmupCalls: WARMUP,
    loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
    cpus: os.cpus().length,
    target: TARGET,
    ...results,
    withinTarget: Object.values(results).every((mode) => mode.ratioAdapterOverRaw <= TARGET),
  };
  mkdirSync(path.join(ROOT, ".bench-results"), { recursive: true });
  const out = path.join(ROOT, ".bench-results/gemini.json");
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${path.relative(ROOT, out)}`);
  child.disconnect();
}
