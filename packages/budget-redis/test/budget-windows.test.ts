import { BudgetTracker, NANOS_PER_USD, usdToNanos } from "@llmc/core";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisBudgetStore, RedisSpendLedger } from "../src/index.js";
import { freshRoot } from "./helpers.js";
import { RedisTestServer, sleep } from "./redis-server.js";
import { assertBuilt, Worker } from "./workers.js";

const DAY_MS = 86_400_000;
const DAILY = { every: "day", timeZone: "UTC" } as const;

let server: RedisTestServer;
let client: Redis;
const workers: Worker[] = [];

beforeAll(async () => {
  assertBuilt();
  server = await RedisTestServer.start();
  client = new Redis({ host: server.host, port: server.port, lazyConnect: true });
  await client.connect();
});

afterAll(async () => {
  for (const worker of workers) worker.kill();
  await Promise.all(workers.map((worker) => worker.exited));
  await client?.quit();
  await server?.stop();
});

async function redisNow(): Promise<number> {
  const [seconds, micros] = await client.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

/** An offset that puts Redis' clock (as the store sees it) `beforeMs` before `boundary`. */
async function offsetTo(boundary: number, beforeMs: number): Promise<number> {
  return boundary - beforeMs - (await redisNow());
}

describe("RedisBudgetStore windows (Redis' clock, moved by clockOffsetMs)", () => {
  it("resets at the boundary; a hold made before it settles in its own period", async () => {
    const boundary = Date.UTC(2030, 1, 1); // Jan 31 → Feb 1, a month end too
    const store = new RedisBudgetStore({ client, clockOffsetMs: await offsetTo(boundary, 700) });
    const budget = new BudgetTracker({ total: 1, id: freshRoot("win"), store, window: DAILY });
    const early = await budget.reserve(usdToNanos(0.6));
    expect(early.periods).toEqual([boundary - DAY_MS]);
    await (await budget.reserve(usdToNanos(0.3))).settle(usdToNanos(0.3));
    expect(await budget.snapshot()).toMatchObject({
      spent: 0.3,
      reserved: 0.6,
      periodStart: boundary - DAY_MS,
      periodEnd: boundary,
    });
    await sleep(900);
    // Feb 1: nothing spent, nothing held (the 0.6 hold belongs to Jan 31); the whole cap fits.
    expect(await budget.snapshot()).toMatchObject({ spent: 0, reserved: 0, periodStart: boundary });
    const whole = await budget.reserve(usdToNanos(1));
    expect(whole.periods).toEqual([boundary]);
    await early.settle(usdToNanos(0.5));
    expect(await budget.snapshot()).toMatchObject({ spent: 0, reserved: 1 });
    await whole.settle(usdToNanos(0.25));
    expect(await budget.snapshot()).toMatchObject({ spent: 0.25, reserved: 0 });
  });

  it("8 processes spend across a day boundary with calls in flight over it: exact per period, never over the cap", async () => {
    const rootId = freshRoot("win8");
    const boundary = Date.UTC(2030, 0, 1); // New Year, UTC
    const rootTotalNanos = 10_000_000; // $0.01 a day, contended
    const started = Array.from({ length: 8 }, () => {
      const worker = new Worker();
      workers.push(worker);
      return worker;
    });
    // Every process is up before the clock is set: the boundary comes 4 s after the start.
    await Promise.all(started.map((worker) => worker.next("ready")));
    const clockOffsetMs = await offsetTo(boundary, 4_000);
    const results = await Promise.all(
      started.map(async (worker, index) => {
        await worker.run({
          mode: "window",
          url: server.url,
          rootId,
          rootTotalUsd: rootTotalNanos / NANOS_PER_USD,
          childTotalUsd: 0.005,
          clockOffsetMs,
          boundary,
          afterMs: 2_000,
          index,
          seed: 9_000 + index,
          lanes: 3,
          holdMs: 600,
          minNanos: 50_000,
          maxNanos: 400_000,
        });
        return worker.next("done");
      }),
    );
    const before = boundary - DAY_MS;
    const sum = (period: number) =>
      results.reduce(
        (total, result) => total + ((result.charged as Record<string, number>)[period] ?? 0),
        0,
      );
    const crossed = results.reduce((total, result) => total + (result.crossed as number), 0);
    const refused = results.reduce((total, result) => total + (result.refused as number), 0);
    // Each worker's first hold was reserved before midnight and settled after it.
    expect(results.map((result) => result.straddlePeriod)).toEqual(Array(8).fill(before));
    expect(crossed, "holds reserved before midnight and settled after").toBeGreaterThanOrEqual(8);
    expect(refused, "the daily cap was contended").toBeGreaterThan(0);
    expect(sum(before)).toBeGreaterThan(0);
    expect(sum(before)).toBeLessThanOrEqual(rootTotalNanos);
    expect(sum(boundary)).toBeGreaterThan(0);
    expect(sum(boundary)).toBeLessThanOrEqual(rootTotalNanos);

    const store = new RedisBudgetStore({ client, clockOffsetMs });
    const root = await store.snapshot({ id: rootId, totalNanos: 0, window: DAILY });
    expect(root).toMatchObject({ periodStart: boundary, reservedNanos: 0 });
    expect(root.spentNanos).toBe(sum(boundary));
    for (const [index, result] of results.entries()) {
      const child = await store.snapshot({
        id: `${rootId}/w${index}`,
        totalNanos: 0,
        window: DAILY,
      });
      expect(child.spentNanos).toBe((result.charged as Record<string, number>)[boundary] ?? 0);
    }
    // The shared ledger knows each charge's period: both days add up to the nano-dollar.
    const ledger = new RedisSpendLedger({ client });
    const today = await ledger.report({ budgetId: rootId, periodStart: boundary });
    expect(today.total.costNanos).toBe(root.spentNanos);
    const yesterday = await ledger.report({ budgetId: rootId, periodStart: before });
    expect(yesterday.total.costNanos).toBe(sum(before));
  }, 60_000);
});
