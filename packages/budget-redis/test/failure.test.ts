import { BudgetTracker, LLMBudgetStoreError } from "@llmc/core";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisBudgetStore, RedisBudgetStoreError } from "../src/index.js";
import { freshRoot } from "./helpers.js";
import { RedisTestServer } from "./redis-server.js";

let server: RedisTestServer;

beforeAll(async () => {
  server = await RedisTestServer.start();
});

afterAll(async () => {
  await server?.stop();
});

async function timed<T>(operation: () => Promise<T>): Promise<{ error: unknown; ms: number }> {
  const start = performance.now();
  try {
    await operation();
    return { error: undefined, ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

describe("Redis unreachable: fail closed, fast", () => {
  it("a hung Redis (SIGSTOP): reserve rejects after commandTimeoutMs, as LLMBudgetStoreError", async () => {
    const client = new Redis({ host: server.host, port: server.port, lazyConnect: true });
    await client.connect();
    const store = new RedisBudgetStore({ client, commandTimeoutMs: 250 });
    const tracker = new BudgetTracker({ total: 1, id: freshRoot("hung"), store });
    await (await tracker.reserve(1_000)).settle(500);
    server.pause();
    try {
      try {
        const direct = await timed(() =>
          store.reserve({
            reservationId: "r1",
            chain: tracker.chain,
            amountNanos: 1,
            leaseMs: 60_000,
          }),
        );
        expect(direct.error).toBeInstanceOf(RedisBudgetStoreError);
        expect(direct.error).toMatchObject({ timedOut: true, operation: "reserve" });
        expect(direct.ms).toBeGreaterThanOrEqual(240);
        expect(direct.ms).toBeLessThan(1_500);

        const viaTracker = await timed(() => tracker.reserve(1_000));
        expect(viaTracker.error).toBeInstanceOf(LLMBudgetStoreError);
        expect((viaTracker.error as Error).message).toMatch(/fail closed/);
        // core copies causes (to redact secrets): the class survives as the name.
        expect((viaTracker.error as Error).cause).toMatchObject({ name: "RedisBudgetStoreError" });
        expect(viaTracker.ms).toBeLessThan(1_500);
        await expect(tracker.snapshot()).rejects.toBeInstanceOf(LLMBudgetStoreError);
      } finally {
        server.resume();
      }
      // Once Redis answers again, so does the store. The held-up reserves ran late: their
      // holds stay until their lease ends (fail closed), nothing is charged.
      expect(await tracker.snapshot()).toMatchObject({ spent: 0.0000005, reserved: 0.000001001 });
    } finally {
      await client.quit();
    }
  });

  it("a dead Redis: every method rejects within commandTimeoutMs; it recovers after restart", async () => {
    const store = await RedisBudgetStore.connect({ url: server.url, commandTimeoutMs: 300 });
    const id = freshRoot("down");
    const tracker = new BudgetTracker({ total: 1, id, store });
    await tracker.snapshot();
    await server.kill();
    try {
      const operations: Array<() => Promise<unknown>> = [
        () => tracker.reserve(1),
        () => tracker.snapshot(),
        () => tracker.topUp(1),
        () => store.settle("some-id", 1),
      ];
      for (const operation of operations) {
        const { error, ms } = await timed(operation);
        expect(error).toBeInstanceOf(Error);
        expect(ms).toBeLessThan(1_500);
        if (error instanceof LLMBudgetStoreError) {
          expect(error.retryable).toBe(true);
        } else {
          expect(error).toBeInstanceOf(RedisBudgetStoreError);
        }
      }
    } finally {
      await server.restart();
    }
    // Reconnection is the client's job; the next calls work again.
    let state: unknown;
    for (let attempt = 0; attempt < 50 && state === undefined; attempt++) {
      state = await tracker.snapshot().catch(() => undefined);
    }
    expect(state).toMatchObject({ id });
    await store.close();
  });

  it("close() quits a connection the store made and leaves a passed-in client open", async () => {
    const owned = await RedisBudgetStore.connect({ url: server.url });
    await owned.close();
    expect(owned.client.status).toBe("end");
    const client = new Redis({ host: server.host, port: server.port, lazyConnect: true });
    await client.connect();
    await new RedisBudgetStore({ client }).close();
    expect(await client.ping()).toBe("PONG");
    await client.quit();
  });

  it("connect() to a port where nothing listens rejects quickly", async () => {
    const other = await RedisTestServer.start();
    const url = other.url;
    await other.stop();
    const { error, ms } = await timed(() =>
      RedisBudgetStore.connect({ url, commandTimeoutMs: 300 }),
    );
    expect(error).toBeInstanceOf(RedisBudgetStoreError);
    expect(ms).toBeLessThan(1_500);
  });
});
