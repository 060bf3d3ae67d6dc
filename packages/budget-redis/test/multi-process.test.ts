import { BudgetTracker, NANOS_PER_USD } from "@llmc/core";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisBudgetStore } from "../src/index.js";
import { freshRoot } from "./helpers.js";
import { RedisTestServer, sleep } from "./redis-server.js";
import { assertBuilt, Worker } from "./workers.js";

let server: RedisTestServer;
let client: Redis;
let store: RedisBudgetStore;
const workers: Worker[] = [];

beforeAll(async () => {
  assertBuilt();
  server = await RedisTestServer.start();
  client = new Redis({ host: server.host, port: server.port, lazyConnect: true });
  await client.connect();
  store = new RedisBudgetStore({ client, commandTimeoutMs: 20_000 });
});

afterAll(async () => {
  for (const worker of workers) worker.kill();
  await client?.quit();
  await server?.stop();
});

function startWorker(): Worker {
  const worker = new Worker();
  workers.push(worker);
  return worker;
}

describe("many processes, one budget", () => {
  it("8 workers × 200 concurrent reserve+settle: never over the cap, every charge counted", async () => {
    const rootId = freshRoot("mp");
    const rootTotalNanos = 4_000_000; // $0.004
    const childTotalNanos = 2_000_000; // 8 children × $0.002 ≫ root
    const jobs = Array.from({ length: 8 }, (_, index) => ({
      mode: "spend",
      url: server.url,
      rootId,
      rootTotalUsd: rootTotalNanos / NANOS_PER_USD,
      childTotalUsd: childTotalNanos / NANOS_PER_USD,
      index,
      seed: 1_000 + index,
      ops: 200,
      minNanos: 10_000,
      maxNanos: 50_000,
    }));
    const running = jobs.map(async (job) => {
      const worker = startWorker();
      await worker.run(job);
      return worker.next("done");
    });
    const results = await Promise.all(running);

    const root = await store.snapshot({ id: rootId, totalNanos: 0 });
    const totalCharged = results.reduce((sum, r) => sum + (r.charged as number), 0);
    expect(root.totalNanos).toBe(rootTotalNanos);
    expect(root.reservedNanos).toBe(0);
    expect(root.spentNanos).toBe(totalCharged);
    expect(root.spentNanos).toBeLessThanOrEqual(rootTotalNanos);
    for (const [index, result] of results.entries()) {
      const child = await store.snapshot({ id: `${rootId}/w${index}`, totalNanos: 0 });
      expect(child).toEqual({
        id: `${rootId}/w${index}`,
        totalNanos: childTotalNanos,
        spentNanos: result.charged,
        reservedNanos: 0,
      });
      expect(result.charged as number).toBeLessThanOrEqual(childTotalNanos);
      expect((result.settled as number) + (result.refused as number)).toBe(200);
    }
    // The cap was actually contended: the shared root refused calls. (Which level refuses
    // first depends on how the workers overlap; child refusals are covered by the unit and
    // property tests.)
    const refusedByRoot = results.reduce(
      (sum, r) => sum + ((r.refusedBy as Record<string, number>)[rootId] ?? 0),
      0,
    );
    expect(refusedByRoot).toBeGreaterThan(0);
  });

  it("a SIGKILLed worker's reservations come back after their lease, on the next operation", async () => {
    const rootId = freshRoot("kill");
    const totalNanos = 1_000_000;
    const leaseMs = 300;
    const worker = startWorker();
    await worker.run({
      mode: "hold",
      url: server.url,
      rootId,
      totalUsd: totalNanos / NANOS_PER_USD,
      leaseMs,
      count: 5,
      amountNanos: 100_000,
    });
    await worker.next("holding");
    const heldAt = Date.now(); // every lease started before this and ends by heldAt + leaseMs
    worker.kill();
    expect(await worker.exited).toBe(null); // killed by signal, no exit code

    // Raw reads (they free nothing): the dead worker still holds its five reservations.
    expect(await client.hget(`llmc:budget:{${rootId}}:node:${rootId}`, "reserved")).toBe("500000");
    expect(await client.zcard(`llmc:budget:{${rootId}}:leases`)).toBe(5);

    const tracker = new BudgetTracker({ total: totalNanos / NANOS_PER_USD, id: rootId, store });
    await sleep(Math.max(0, heldAt + leaseMs + 50 - Date.now()));
    // The next operation frees the expired holds first, so the whole budget fits again.
    const whole = await tracker.reserve(totalNanos);
    expect(await tracker.snapshot()).toMatchObject({ spent: 0, reserved: 0.001, remaining: 0 });
    await whole.release();
    expect(await tracker.snapshot()).toMatchObject({ spent: 0, reserved: 0, remaining: 0.001 });
    expect(await client.zcard(`llmc:budget:{${rootId}}:leases`)).toBe(0);
  });
});
