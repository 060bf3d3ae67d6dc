// Reserve + settle throughput and latency of @llmc/budget-redis against a local redis-server,
// next to core's InMemoryBudgetStore and `redis-benchmark` (SET/GET) on the same machine.
//
//   node bench/reserve-settle.bench.mjs            (needs the package built, redis-server on PATH)
//   REDIS_URL=redis://host:port node bench/…       (use a running Redis instead of starting one)
//   BENCH_SECONDS=5 node bench/…                    (seconds per scenario, default 3)
//
// Prints a table and writes .bench-results/budget-redis.json at the repository root.
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { RedisBudgetStore } from "@llmc/budget-redis";
import { InMemoryBudgetStore } from "@llmc/core";
import { Redis } from "ioredis";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, "..", "..", "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const WARMUP_MS = 300;
const AMOUNT = 1_000;
const ACTUAL = 600;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startRedis() {
  if (process.env.REDIS_URL) {
    const url = new URL(process.env.REDIS_URL);
    return {
      url: process.env.REDIS_URL,
      port: Number(url.port || 6379),
      pid: undefined,
      stop() {},
    };
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "llmc-bench-redis-"));
  const child = spawn(
    "redis-server",
    ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"].concat([
      "--dir",
      dir,
      "--loglevel",
      "warning",
    ]),
    { stdio: "ignore" },
  );
  child.on("error", (error) => {
    console.error(`cannot start redis-server (${error.message}); install it or set REDIS_URL`);
    process.exit(1);
  });
  const probe = new Redis({ host: "127.0.0.1", port, lazyConnect: true, retryStrategy: () => 20 });
  probe.on("error", () => {});
  for (let i = 0; i < 100; i++) {
    try {
      await probe.connect();
      break;
    } catch {
      await sleep(30);
    }
  }
  await probe.quit();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** CPU seconds redis-server has used so far (Linux /proc), to see who saturates. */
function redisCpuSeconds(pid) {
  if (!pid) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, clock ticks
  } catch {
    return undefined;
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Runs `lanes` concurrent loops per store, each doing reserve → settle as fast as it can.
 * Returns pairs/s over the measured window and pair latency percentiles (ms).
 */
async function measure(stores, lanes, chain, redisPid) {
  let measuring = false;
  let stop = false;
  let pairs = 0;
  const latencies = [];
  const lane = async (store) => {
    let iterations = 0;
    while (!stop) {
      // An in-memory store answers with already-resolved promises: yield now and then, or the
      // timers that end the measurement never run.
      if (++iterations % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
      const start = performance.now();
      const reservationId = randomUUID();
      const outcome = await store.reserve({
        reservationId,
        chain,
        amountNanos: AMOUNT,
        leaseMs: 60_000,
      });
      if (!outcome.ok) throw new Error(`refused by ${outcome.refusedBy}`);
      await store.settle(reservationId, ACTUAL);
      if (measuring) {
        pairs++;
        latencies.push(performance.now() - start);
      }
    }
  };
  const running = stores.flatMap((store) => Array.from({ length: lanes }, () => lane(store)));
  await sleep(WARMUP_MS);
  measuring = true;
  const cpuStart = redisCpuSeconds(redisPid);
  const started = performance.now();
  await sleep(SECONDS * 1000);
  measuring = false;
  const seconds = (performance.now() - started) / 1000;
  const cpuEnd = redisCpuSeconds(redisPid);
  stop = true;
  await Promise.all(running);
  latencies.sort((a, b) => a - b);
  const redisCpu = cpuStart === undefined ? undefined : (cpuEnd - cpuStart) / seconds;
  // Redis CPU time per pair is steadier than pairs/s on a shared machine, and gives the
  // ceiling of one budget tree: one Redis thread, busy all the time.
  const redisUsPerPair = redisCpu && pairs ? (redisCpu * seconds * 1e6) / pairs : undefined;
  return {
    pairsPerSecond: Math.round(pairs / seconds),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    redisCpu: redisCpu === undefined ? undefined : round(redisCpu),
    redisUsPerPair: redisUsPerPair === undefined ? undefined : round(redisUsPerPair),
    oneCoreCeilingPairsPerSecond: redisUsPerPair ? Math.round(1e6 / redisUsPerPair) : undefined,
  };
}

const round = (n) => Math.round(n * 1000) / 1000;

async function redisScenario(redis, { clients, lanes, depth = 1, autoPipelining = false }) {
  const connections = [];
  for (let i = 0; i < clients; i++) {
    const client = new Redis(redis.url, {
      lazyConnect: true,
      enableAutoPipelining: autoPipelining,
    });
    await client.connect();
    connections.push(client);
  }
  const root = `bench-${randomUUID().slice(0, 8)}`;
  const ids = [root, `${root}/team`, `${root}/team/agent`].slice(0, depth).reverse();
  const chain = ids.map((id) => ({ id, totalNanos: 1e15 }));
  const stores = connections.map((client) => new RedisBudgetStore({ client }));
  const result = await measure(stores, lanes, chain, redis.pid);
  await connections[0].del(...(await connections[0].keys(`llmc:budget:{${root}}*`)));
  await Promise.all(connections.map((c) => c.quit()));
  return result;
}

async function scriptCost(redis) {
  const client = new Redis(redis.url);
  const info = await client.info("commandstats");
  await client.quit();
  const stats = {};
  for (const line of info.split("\r\n")) {
    const match = /^cmdstat_(evalsha|eval):calls=(\d+),usec=(\d+),usec_per_call=([\d.]+)/.exec(
      line,
    );
    if (match) stats[match[1]] = { calls: Number(match[2]), usecPerCall: Number(match[4]) };
  }
  return stats;
}

function redisBenchmark(port) {
  try {
    const out = execFileSync(
      "redis-benchmark",
      ["-h", "127.0.0.1", "-p", String(port), "-q", "-n", "100000", "-t", "set,get"],
      { encoding: "utf8" },
    );
    const result = {};
    for (const line of out.split(/[\r\n]+/)) {
      const match = /^(SET|GET): ([\d.]+) requests per second(?:, p50=([\d.]+) msec)?/.exec(
        line.trim(),
      );
      if (match)
        result[match[1]] = { requestsPerSecond: Number(match[2]), p50Ms: Number(match[3] ?? 0) };
    }
    return result;
  } catch (error) {
    return { error: String(error.message ?? error) };
  }
}

async function main() {
  const redis = await startRedis();
  const loadBefore = loadavg()[0];
  const scenarios = [];
  const run = async (label, params, fn) => {
    process.stdout.write(`  ${label} …`);
    const result = await fn();
    scenarios.push({ label, ...params, ...result });
    process.stdout.write(` ${result.pairsPerSecond} pairs/s\n`);
  };
  try {
    console.log(
      `reserve+settle, ${SECONDS}s per scenario, ${cpus().length} CPUs, load ${round(loadBefore)}, ${redis.url}`,
    );
    for (const lanes of [1, 8]) {
      await run(
        `in-memory, ${lanes} concurrent`,
        { store: "memory", clients: 1, lanes, depth: 1 },
        () => measure([new InMemoryBudgetStore()], lanes, [{ id: "mem", totalNanos: 1e15 }]),
      );
    }
    const redisRuns = [
      { clients: 1, lanes: 1 },
      { clients: 1, lanes: 16, autoPipelining: true },
      { clients: 8, lanes: 1 },
      { clients: 8, lanes: 8 },
      { clients: 8, lanes: 8, autoPipelining: true },
      { clients: 8, lanes: 32, autoPipelining: true },
      { clients: 64, lanes: 1 },
      { clients: 64, lanes: 4, autoPipelining: true },
      { clients: 8, lanes: 8, depth: 3, autoPipelining: true },
    ];
    for (const params of redisRuns) {
      const depth = params.depth ?? 1;
      const label =
        `redis, ${params.clients} client(s) × ${params.lanes} in flight` +
        (depth > 1 ? `, chain depth ${depth}` : "") +
        (params.autoPipelining ? ", autopipelining" : "");
      await run(label, { store: "redis", depth, ...params }, () => redisScenario(redis, params));
    }
    const lua = await scriptCost(redis);
    const baseline = redisBenchmark(redis.port);

    console.log("");
    console.log(
      "| scenario | pairs/s | p50 ms | p99 ms | redis CPU | redis µs/pair | 1-core ceiling |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (const s of scenarios) {
      const cpu = s.redisCpu === undefined ? "" : `${Math.round(s.redisCpu * 100)}%`;
      console.log(
        `| ${s.label} | ${s.pairsPerSecond} | ${s.p50Ms} | ${s.p99Ms} | ${cpu} | ` +
          `${s.redisUsPerPair === undefined ? "" : Math.round(s.redisUsPerPair)} | ` +
          `${s.oneCoreCeilingPairsPerSecond ?? ""} |`,
      );
    }
    console.log("");
    for (const [name, stat] of Object.entries(lua)) {
      console.log(
        `redis-side ${name}: ${stat.usecPerCall} µs per script call (${stat.calls} calls)`,
      );
    }
    for (const [name, stat] of Object.entries(baseline)) {
      console.log(`redis-benchmark ${name}: ${JSON.stringify(stat)}`);
    }

    // The best way to drive 8 connections (the target allows pipelining and concurrency).
    const eight = scenarios
      .filter((s) => s.store === "redis" && s.clients === 8 && s.depth === 1)
      .sort((a, b) => b.pairsPerSecond - a.pairsPerSecond)[0];
    const report = {
      benchmark: "@llmc/budget-redis reserve+settle",
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      // Other work on the machine skews every number here: compare runs at similar load.
      loadAverage1m: { before: round(loadBefore), after: round(loadavg()[0]) },
      redisVersion: execFileSync("redis-server", ["--version"], { encoding: "utf8" }).trim(),
      secondsPerScenario: SECONDS,
      scenarios,
      luaScriptCost: lua,
      redisBenchmark: baseline,
      target: {
        pairsPerSecond8Clients: 20_000,
        best8Clients: eight && {
          label: eight.label,
          pairsPerSecond: eight.pairsPerSecond,
          oneCoreCeilingPairsPerSecond: eight.oneCoreCeilingPairsPerSecond,
        },
        met: (eight?.pairsPerSecond ?? 0) >= 20_000,
      },
    };
    const outDir = join(repoRoot, ".bench-results");
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, "budget-redis.json"), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwrote ${join(outDir, "budget-redis.json")}`);
  } finally {
    await redis.stop();
  }
}

await main();
