// Simulator throughput: 20,000 non-streaming OpenAI chat completions over keep-alive HTTP.
//
// The simulator runs in a child process (so it has one core to itself and the numbers are the
// server's, not the load generator's); this parent drives it with a plain keep-alive
// http.Agent. Everything stays on 127.0.0.1. Run after `pnpm --filter @llmc/testing build`:
//   node packages/testing/bench/simulator-throughput.bench.mjs [--requests N] [--concurrency C]
// Writes .bench-results/simulator.json at the repository root.

import { fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, "../../..");
const TARGET_REQUESTS_PER_SECOND = 5_000;

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

// ---- child: the server -------------------------------------------------------------------
if (process.argv.includes("--server")) {
  const { startSimulator } = await import("../dist/index.js");
  const sim = await startSimulator();
  const cpuAtStart = process.cpuUsage();
  process.on("message", async (message) => {
    if (message === "stats") {
      const cpu = process.cpuUsage(cpuAtStart);
      process.send({
        type: "stats",
        cpuMs: (cpu.user + cpu.system) / 1000,
        served: sim.requestCount("openai"),
      });
    } else if (message === "close") {
      await sim.close();
      process.exit(0);
    }
  });
  process.send({ type: "ready", url: sim.openai.baseURL });
} else {
  await runParent();
}

// ---- parent: the load generator ----------------------------------------------------------
async function runParent() {
  const total = option("requests", 20_000);
  const concurrency = option("concurrency", 64);
  const warmup = Math.min(2_000, Math.floor(total / 10));

  const child = fork(fileURLToPath(import.meta.url), ["--server"], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const nextMessage = (type) =>
    new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message?.type === type) {
          child.off("message", onMessage);
          resolve(message);
        }
      };
      child.on("message", onMessage);
      child.once("exit", (code) => reject(new Error(`simulator process exited with ${code}`)));
    });
  const { url } = await nextMessage("ready");
  const endpoint = new URL(`${url}/chat/completions`);
  if (endpoint.hostname !== "127.0.0.1")
    throw new Error("refusing to benchmark a non-loopback address");

  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const body = JSON.stringify({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "You are a terse assistant." },
      { role: "user", content: "Summarise the plot of Hamlet in one sentence." },
    ],
    max_completion_tokens: 64,
  });
  const headers = {
    authorization: "Bearer sk-test",
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  };

  const latencies = [];
  let failures = 0;
  const once = () =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = request(endpoint, { method: "POST", agent, headers }, (res) => {
        let size = 0;
        res.on("data", (chunk) => {
          size += chunk.length;
        });
        res.on("end", () => {
          if (res.statusCode !== 200 || size === 0) failures++;
          latencies.push(performance.now() - started);
          resolve();
        });
      });
      req.on("error", () => {
        failures++;
        resolve();
      });
      req.end(body);
    });
  const run = async (count) => {
    let issued = 0;
    const worker = async () => {
      while (issued < count) {
        issued++;
        await once();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };

  await run(warmup);
  latencies.length = 0;
  failures = 0;
  child.send("stats");
  const before = await nextMessage("stats");
  const clientCpuAtStart = process.cpuUsage();
  const started = performance.now();
  await run(total);
  const durationMs = performance.now() - started;
  const clientCpu = process.cpuUsage(clientCpuAtStart);
  const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000;
  child.send("stats");
  const after = await nextMessage("stats");
  child.send("close");
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const percentile = (p) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  const requestsPerSecond = Math.round((total / durationMs) * 1000);
  const serverCpuMs = after.cpuMs - before.cpuMs;
  const result = {
    benchmark: "simulator-throughput",
    scenario: "OpenAI non-streaming chat completion, keep-alive, simulator in a child process",
    requests: total,
    warmupRequests: warmup,
    concurrency,
    failures,
    durationMs: Math.round(durationMs),
    requestsPerSecond,
    targetRequestsPerSecond: TARGET_REQUESTS_PER_SECOND,
    meetsTarget: requestsPerSecond >= TARGET_REQUESTS_PER_SECOND && failures === 0,
    latencyMs: {
      p50: Number(percentile(50).toFixed(2)),
      p99: Number(percentile(99).toFixed(2)),
      max: Number(latencies.at(-1).toFixed(2)),
    },
    // Server CPU time per request: what the hot path costs, independent of the load generator.
    serverCpuMicrosecondsPerRequest: Math.round((serverCpuMs * 1000) / total),
    // What one fully busy core could serve at that cost (the load generator shares the machine).
    serverOneCoreCapacityRequestsPerSecond: Math.round((total / serverCpuMs) * 1000),
    serverCpuUtilisation: Number((serverCpuMs / durationMs).toFixed(2)),
    clientCpuMicrosecondsPerRequest: Math.round((clientCpuMs * 1000) / total),
    servedByServer: after.served - before.served,
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    loadAverage1m: Number(os.loadavg()[0].toFixed(2)),
    date: new Date().toISOString(),
  };

  const outDir = path.join(REPO_ROOT, ".bench-results");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, "simulator.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `simulator: ${requestsPerSecond} req/s (${total} requests, concurrency ${concurrency}, ` +
      `p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ` +
      `${result.serverCpuMicrosecondsPerRequest} µs server CPU/request, failures ${failures}) ` +
      `target ${TARGET_REQUESTS_PER_SECOND}: ${result.meetsTarget ? "met" : "MISSED"}`,
  );
  if (failures > 0) process.exitCode = 1;
}
