import { type Simulator, startSimulator } from "@llmc/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RedisTestServer } from "../../packages/budget-redis/test/redis-server.js";
import { runExample, simulatorEnv } from "./run-example.js";

let redis: RedisTestServer;
let sim: Simulator;
beforeAll(async () => {
  redis = await RedisTestServer.start();
  sim = await startSimulator();
});
afterAll(async () => {
  await sim?.close();
  await redis?.stop();
});

interface WorkerReport {
  pid: number;
  calls: number;
  spent: number;
  budget: { total: number; spent: number; reserved: number };
}

it("redis-shared-budget: two processes on one Redis budget stop together at the cap", async () => {
  // $0.00125 a call (100 × $2.50/M + 100 × $10/M); the worst case reserved is $0.00125 + input.
  sim.setDefault("openai", {
    text: "ok",
    usage: { inputTokens: 100, outputTokens: 100 },
    latencyMs: 20,
  });
  const env = {
    ...simulatorEnv(sim),
    REDIS_URL: redis.url,
    LLMC_EXAMPLE_BUDGET_ID: "two-processes",
  };
  const runs = await Promise.all([
    runExample("redis-shared-budget", env),
    runExample("redis-shared-budget", env),
  ]);
  for (const run of runs) {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  }
  const reports = runs.map((run) => JSON.parse(run.stdout) as WorkerReport);
  const calls = reports[0]!.calls + reports[1]!.calls;
  expect(calls).toBe(sim.requestCount("openai"));
  expect(calls).toBeGreaterThanOrEqual(2);
  const final = reports.map((r) => r.budget).sort((a, b) => b.spent - a.spent)[0]!;
  expect(final.total).toBe(0.01);
  expect(final.spent).toBeLessThanOrEqual(0.01);
  expect(final.spent).toBeCloseTo(reports[0]!.spent + reports[1]!.spent, 9);
  expect(final.spent).toBeCloseTo(calls * 0.00125, 9);
});
