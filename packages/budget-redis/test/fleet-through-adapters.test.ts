import { BudgetTracker } from "@llmc/core";
import { type Simulator, startSimulator } from "@llmc/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisBudgetStore } from "../src/index.js";
import { freshRoot } from "./helpers.js";
import { RedisTestServer } from "./redis-server.js";
import { assertBuilt, FLEET_WORKER, Worker } from "./workers.js";

/**
 * The product's promise end to end: eight worker processes, 200 concurrent calls each, all
 * through the real OpenAIAdapter and the openai SDK over HTTP to the simulator, all charging one
 * budget held in Redis. The simulator is the "provider's invoice": what it served times the
 * price of one call must equal what the budget says was spent, to the nano-dollar.
 */
const WORKERS = 8;
const CALLS_PER_WORKER = 200;
// Every call is answered with 20 input and 5 output tokens: at gpt-4o-mini's $0.15/$0.60 per
// million that is 3,000 + 3,000 = 6,000 nano-dollars.
const USAGE = { inputTokens: 20, outputTokens: 5 };
const COST_PER_CALL_NANOS = 6_000;
// Room for about 1,000 of the 1,600 calls: some must be refused.
const TOTAL_USD = 0.006;

let server: RedisTestServer;
let client: Redis;
let simulator: Simulator;
const workers: Worker[] = [];

beforeAll(async () => {
  assertBuilt();
  server = await RedisTestServer.start();
  client = new Redis({ host: server.host, port: server.port, lazyConnect: true });
  await client.connect();
  simulator = await startSimulator({ apiKeys: ["sk-fleet-test-key"] });
  simulator.setDefault("openai", { text: "ok", usage: USAGE });
});

afterAll(async () => {
  for (const worker of workers) worker.kill();
  await simulator?.close();
  await client?.quit();
  await server?.stop();
});

describe("a fleet of processes spending one Redis budget through real adapters", () => {
  it("never passes the cap, and spent equals the simulator's request count × cost exactly", async () => {
    const rootId = freshRoot("fleet");
    const results = await Promise.all(
      Array.from({ length: WORKERS }, async (_, index) => {
        const worker = new Worker(FLEET_WORKER);
        workers.push(worker);
        await worker.run({
          index,
          rootId,
          totalUsd: TOTAL_USD,
          redisUrl: server.url,
          baseURL: simulator.openai.baseURL,
          apiKey: "sk-fleet-test-key",
          calls: CALLS_PER_WORKER,
          maxOutputTokens: 50,
        });
        return (await worker.next("done")) as unknown as {
          succeeded: number;
          refused: number;
          chargedNanos: number;
        };
      }),
    );

    const store = new RedisBudgetStore({ client, commandTimeoutMs: 20_000 });
    const budget = await new BudgetTracker({ total: TOTAL_USD, id: rootId, store }).snapshot();
    const served = simulator.requestCount("openai");
    const succeeded = results.reduce((sum, r) => sum + r.succeeded, 0);
    const refused = results.reduce((sum, r) => sum + r.refused, 0);
    const chargedNanos = results.reduce((sum, r) => sum + r.chargedNanos, 0);

    expect(succeeded + refused).toBe(WORKERS * CALLS_PER_WORKER);
    expect(refused).toBeGreaterThan(0);
    expect(served).toBe(succeeded);
    expect(Math.round(budget.spent * 1e9)).toBe(served * COST_PER_CALL_NANOS);
    expect(chargedNanos).toBe(served * COST_PER_CALL_NANOS);
    expect(budget.spent).toBeLessThanOrEqual(TOTAL_USD);
    expect(budget.reserved).toBe(0);
  });
});
