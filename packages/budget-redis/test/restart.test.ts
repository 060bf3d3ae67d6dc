import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisBudgetStore } from "../src/index.js";
import { freshRoot } from "./helpers.js";
import { RedisTestServer, sleep } from "./redis-server.js";
import { assertBuilt, Worker } from "./workers.js";

let server: RedisTestServer;
const workers: Worker[] = [];

beforeAll(async () => {
  assertBuilt();
  server = await RedisTestServer.start({ durable: true });
});

afterAll(async () => {
  for (const worker of workers) worker.kill();
  await server?.stop();
});

describe("Redis restarts mid-run (appendonly yes, appendfsync always)", () => {
  it("no reservation is lost or counted twice", async () => {
    const rootId = freshRoot("restart");
    const totalNanos = 5_000_000;
    const jobs = Array.from({ length: 4 }, (_, index) => ({
      mode: "durable",
      url: server.url,
      rootId,
      totalNanos,
      seed: 7_000 + index,
      ops: 400,
      concurrency: 8,
      maxNanos: 20_000,
      leaseMs: 60_000, // no lease may run out during the test: every hold must be settled
      commandTimeoutMs: 500,
      deadlineMs: 20_000,
    }));
    const running = jobs.map(async (job) => {
      const worker = new Worker();
      workers.push(worker);
      await worker.run(job);
      return worker;
    });
    const started = await Promise.all(running);

    // Let every worker get going, then kill Redis without warning and bring it back.
    await Promise.all(started.map((worker) => worker.next("progress")));
    const pidBefore = server.pid;
    await server.kill();
    await sleep(300);
    await server.restart();
    expect(server.pid).not.toBe(pidBefore);

    const results = await Promise.all(started.map((worker) => worker.next("done")));
    const charged = results.reduce((sum, r) => sum + (r.charged as number), 0);
    const settledBeforeKill = started.map(
      (worker) => worker.messages.find((m) => m.type === "progress")?.settled as number,
    );
    // The restart really happened mid-run: workers settled calls before it and after it.
    for (const [index, result] of results.entries()) {
      expect(result.settled as number).toBeGreaterThan(settledBeforeKill[index]!);
      expect((result.settled as number) + (result.refused as number)).toBe(400);
    }

    const client = new Redis({ host: server.host, port: server.port, lazyConnect: true });
    await client.connect();
    try {
      const store = new RedisBudgetStore({ client });
      const root = await store.snapshot({ id: rootId, totalNanos: 0 });
      expect(root.totalNanos).toBe(totalNanos);
      expect(root.reservedNanos).toBe(0);
      expect(root.spentNanos).toBe(charged);
      expect(root.spentNanos).toBeLessThanOrEqual(totalNanos);
      expect(await client.zcard(`llmc:budget:{${rootId}}:leases`)).toBe(0);
    } finally {
      await client.quit();
    }
  });
});
