import { randomUUID } from "node:crypto";
import {
  BudgetTracker,
  LLMBudgetExceededError,
  LLMConfigError,
  type ReserveRequest,
} from "@llmc/core";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BudgetHasOpenReservationsError, RedisBudgetStore } from "../src/index.js";
import { chainOf, freshRoot } from "./helpers.js";
import { RedisTestServer, sleep } from "./redis-server.js";

let server: RedisTestServer;
let client: Redis;
let store: RedisBudgetStore;

beforeAll(async () => {
  server = await RedisTestServer.start();
  client = new Redis({ host: server.host, port: server.port, lazyConnect: true });
  await client.connect();
  store = new RedisBudgetStore({ client });
});

afterAll(async () => {
  await client?.quit();
  await server?.stop();
});

function request(
  chain: ReserveRequest["chain"],
  amountNanos: number,
  leaseMs = 60_000,
): ReserveRequest {
  return { reservationId: randomUUID(), chain, amountNanos, leaseMs };
}

async function numbers(chain: ReserveRequest["chain"]) {
  const out: Record<string, [number, number, number]> = {};
  for (const node of chain) {
    const s = await store.snapshot(node);
    out[node.id] = [s.totalNanos, s.spentNanos, s.reservedNanos];
  }
  return out;
}

describe("reserve and settle across a 3-level chain", () => {
  it("holds on every node, then charges the actual cost and frees the hold", async () => {
    const root = freshRoot();
    const chain = chainOf(root, [300, 600, 1_000]);
    const req = request(chain, 250);
    expect(await store.reserve(req)).toEqual({ ok: true, reservationId: req.reservationId });
    expect(await numbers(chain)).toEqual({
      [`${root}/a/b`]: [300, 0, 250],
      [`${root}/a`]: [600, 0, 250],
      [root]: [1_000, 0, 250],
    });
    expect(await store.settle(req.reservationId, 120)).toEqual({
      status: "settled",
      chargedNanos: 120,
    });
    expect(await numbers(chain)).toEqual({
      [`${root}/a/b`]: [300, 120, 0],
      [`${root}/a`]: [600, 120, 0],
      [root]: [1_000, 120, 0],
    });
  });

  it("release frees the hold without charging", async () => {
    const chain = chainOf(freshRoot(), [300, 600, 1_000]);
    const req = request(chain, 250);
    await store.reserve(req);
    expect(await store.release(req.reservationId)).toEqual({ status: "settled", chargedNanos: 0 });
    for (const [, [, spent, reserved]] of Object.entries(await numbers(chain))) {
      expect([spent, reserved]).toEqual([0, 0]);
    }
  });

  it("settling twice is idempotent and reports already-settled", async () => {
    const chain = chainOf(freshRoot(), [300, 600, 1_000]);
    const req = request(chain, 250);
    await store.reserve(req);
    await store.settle(req.reservationId, 200);
    expect(await store.settle(req.reservationId, 250)).toEqual({
      status: "already-settled",
      chargedNanos: 200,
    });
    expect(await store.release(req.reservationId)).toEqual({
      status: "already-settled",
      chargedNanos: 200,
    });
    expect((await store.snapshot(chain[2]!)).spentNanos).toBe(200);
  });

  it("an unknown reservation id changes nothing", async () => {
    const chain = chainOf(freshRoot(), [300, 600, 1_000]);
    await store.reserve(request(chain, 10));
    expect(await store.settle("never-reserved", 99)).toEqual({
      status: "unknown",
      chargedNanos: 0,
    });
    expect((await store.snapshot(chain[2]!)).spentNanos).toBe(0);
  });

  it("a reserve re-sent with the same id holds once; reusing a settled id is an error", async () => {
    const chain = chainOf(freshRoot(), [300, 600, 1_000]);
    const req = request(chain, 100);
    await store.reserve(req);
    expect((await store.reserve(req)).ok).toBe(true);
    expect((await store.snapshot(chain[0]!)).reservedNanos).toBe(100);
    await store.settle(req.reservationId, 1);
    await expect(store.reserve(req)).rejects.toThrow(/already used/);
    expect((await store.snapshot(chain[0]!)).reservedNanos).toBe(0);
  });

  it("existing nodes keep their stored totals", async () => {
    const root = freshRoot();
    await store.reserve(request(chainOf(root, [300, 600, 1_000]), 1));
    const other = chainOf(root, [5, 5, 5]);
    await store.reserve(request(other, 200));
    expect((await numbers(other))[root]).toEqual([1_000, 0, 201]);
  });
});

describe("refusal", () => {
  it("a leaf without room refuses, naming it, and holds nothing anywhere", async () => {
    const root = freshRoot();
    const chain = chainOf(root, [300, 600, 1_000]);
    await store.reserve(request(chain, 200));
    const outcome = await store.reserve(request(chain, 101));
    expect(outcome).toEqual({
      ok: false,
      refusedBy: `${root}/a/b`,
      limitNanos: 300,
      spentNanos: 0,
      reservedNanos: 200,
      requestedNanos: 101,
    });
    for (const [, [, , reserved]] of Object.entries(await numbers(chain))) {
      expect(reserved).toBe(200);
    }
  });

  it("an ancestor without room refuses, naming it; the leaf is untouched", async () => {
    const root = freshRoot();
    const chain = chainOf(root, [10_000, 900, 1_000]);
    const first = request(chain, 500);
    await store.reserve(first);
    await store.settle(first.reservationId, 500);
    // The middle node has 400 free, the root 500: the middle one refuses 450.
    const middle = await store.reserve(request(chain, 450));
    expect(middle).toMatchObject({ ok: false, refusedBy: `${root}/a`, spentNanos: 500 });
    // A sibling branch under the same root: only the root is short.
    const sibling = [
      { id: `${root}/x`, totalNanos: 10_000 },
      { id: root, totalNanos: 1_000 },
    ];
    expect(await store.reserve(request(sibling, 501))).toMatchObject({
      ok: false,
      refusedBy: root,
      limitNanos: 1_000,
      spentNanos: 500,
      reservedNanos: 0,
      requestedNanos: 501,
    });
    expect(await numbers(sibling)).toEqual({
      [`${root}/x`]: [10_000, 0, 0],
      [root]: [1_000, 500, 0],
    });
    expect((await numbers(chain))[`${root}/a/b`]).toEqual([10_000, 500, 0]);
  });

  it("an exact fit is allowed, one nano more is not", async () => {
    const chain = chainOf(freshRoot(), [1_000]);
    expect((await store.reserve(request(chain, 1_000))).ok).toBe(true);
    expect((await store.reserve(request(chain, 1))).ok).toBe(false);
    expect((await store.reserve(request(chain, 0))).ok).toBe(true);
  });
});

describe("leases", () => {
  it("an expired reservation is freed by the next operation; settling it still charges", async () => {
    const chain = chainOf(freshRoot(), [300, 600, 1_000]);
    const req = request(chain, 250, 40);
    await store.reserve(req);
    await sleep(80);
    expect(await numbers(chain)).toEqual(
      Object.fromEntries(chain.map((n) => [n.id, [n.totalNanos, 0, 0]])),
    );
    expect(await store.settle(req.reservationId, 70)).toEqual({
      status: "expired",
      chargedNanos: 70,
    });
    expect(await store.settle(req.reservationId, 70)).toEqual({
      status: "already-settled",
      chargedNanos: 70,
    });
    expect(await numbers(chain)).toEqual(
      Object.fromEntries(chain.map((n) => [n.id, [n.totalNanos, 70, 0]])),
    );
  });

  it("frees at most sweepLimit expired leases per call, and catches up on later calls", async () => {
    const limited = new RedisBudgetStore({ client, sweepLimit: 10 });
    const chain = chainOf(freshRoot(), [1_000_000]);
    // Leases long enough that none expires while the 25 reserves run, even on a loaded machine.
    for (let i = 0; i < 25; i++) await limited.reserve(request(chain, 1, 1_000));
    expect((await limited.snapshot(chain[0]!)).reservedNanos).toBe(25);
    await sleep(1_100);
    expect((await limited.snapshot(chain[0]!)).reservedNanos).toBe(15);
    expect((await limited.snapshot(chain[0]!)).reservedNanos).toBe(5);
    expect((await limited.snapshot(chain[0]!)).reservedNanos).toBe(0);
  });

  it("settled ids are forgotten after settledMemoryMs", async () => {
    const forgetful = new RedisBudgetStore({ client, settledMemoryMs: 30 });
    const chain = chainOf(freshRoot(), [1_000]);
    const req = request(chain, 10);
    await forgetful.reserve(req);
    await forgetful.settle(req.reservationId, 5);
    await sleep(60);
    await forgetful.snapshot(chain[0]!); // any call sweeps
    expect(await forgetful.settle(req.reservationId, 5)).toEqual({
      status: "unknown",
      chargedNanos: 0,
    });
    const tree = `llmc:budget:{${chain[0]!.id}}`;
    expect(await client.hget(`${tree}:res`, req.reservationId)).toBeNull();
    expect(await client.llen(`${tree}:forget`)).toBe(0);
  });

  it("lease expiry uses the Redis clock and the requested lease", async () => {
    const chain = chainOf(freshRoot(), [1_000]);
    const req = request(chain, 10, 5_000);
    const [seconds, micros] = await client.time();
    await store.reserve(req);
    const score = Number(
      await client.zscore(`llmc:budget:{${chain[0]!.id}}:leases`, req.reservationId),
    );
    const redisNow = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    expect(score - redisNow).toBeGreaterThanOrEqual(5_000);
    expect(score - redisNow).toBeLessThan(6_000);
  });
});

describe("totals and budget management", () => {
  it("adjustTotal raises and lowers a total, creating the node when missing", async () => {
    const root = freshRoot();
    const ref = { id: root, totalNanos: 1_000 };
    expect(await store.adjustTotal(ref, 500)).toEqual({
      id: root,
      totalNanos: 1_500,
      spentNanos: 0,
      reservedNanos: 0,
    });
    expect((await store.adjustTotal(ref, -700)).totalNanos).toBe(800);
  });

  it("snapshot of a missing node shows the ref's total and creates nothing", async () => {
    const root = freshRoot();
    expect(await store.snapshot({ id: root, totalNanos: 42 })).toEqual({
      id: root,
      totalNanos: 42,
      spentNanos: 0,
      reservedNanos: 0,
    });
    expect(await store.getBudget(root)).toBeUndefined();
  });

  it("createBudget / getBudget / topUp / closeBudget", async () => {
    const root = freshRoot();
    expect(await store.createBudget(root, 2)).toEqual({
      id: root,
      total: 2,
      spent: 0,
      reserved: 0,
      remaining: 2,
      created: true,
    });
    expect((await store.createBudget(root, 5)).created).toBe(false);
    expect((await store.topUp(root, 0.5)).total).toBe(2.5);
    const req = request(
      [
        { id: `${root}/w`, totalNanos: 1e9 },
        { id: root, totalNanos: 0 },
      ],
      1e8,
    );
    await store.reserve(req);
    expect(await store.getBudget(root)).toEqual({
      id: root,
      total: 2.5,
      spent: 0,
      reserved: 0.1,
      remaining: 2.4,
    });
    await expect(store.closeBudget(root)).rejects.toBeInstanceOf(BudgetHasOpenReservationsError);
    await expect(store.closeBudget(`${root}/w`)).rejects.toBeInstanceOf(LLMConfigError);
    expect(await store.closeBudget(root, { force: true })).toBe(2);
    expect(await store.getBudget(root)).toBeUndefined();
    expect(await store.settle(req.reservationId, 1)).toEqual({
      status: "unknown",
      chargedNanos: 0,
    });
    expect(await client.keys(`llmc:budget:{${root}}*`)).toEqual([]);
  });

  it("closeBudget succeeds without force once reservations are settled", async () => {
    const root = freshRoot();
    const req = request(chainOf(root, [10, 10]), 5);
    await store.reserve(req);
    await store.settle(req.reservationId, 5);
    expect(await store.closeBudget(root)).toBe(2);
  });
});

describe("keys, money and scripts", () => {
  it("every key of a tree carries the root's hash tag and the prefix", async () => {
    const prefixed = new RedisBudgetStore({ client, prefix: "custom:pfx" });
    const root = freshRoot();
    const req = request(chainOf(root, [100, 100, 100]), 5);
    await prefixed.reserve(req);
    await prefixed.settle(req.reservationId, 1);
    const keys = await client.keys(`*${root}*`);
    expect(keys.length).toBe(6); // 3 nodes, res, forget, nodes (leases is empty, so gone)
    for (const key of keys) expect(key.startsWith(`custom:pfx:{${root}}:`)).toBe(true);
  });

  it("amounts near 2^53 stay exact", async () => {
    const root = freshRoot();
    const big = Number.MAX_SAFE_INTEGER - 2;
    const chain = [{ id: root, totalNanos: big }];
    const req = request(chain, big - 1);
    await store.reserve(req);
    expect((await store.snapshot(chain[0]!)).reservedNanos).toBe(big - 1);
    await store.settle(req.reservationId, big - 3);
    expect(await store.snapshot(chain[0]!)).toEqual({
      id: root,
      totalNanos: big,
      spentNanos: big - 3,
      reservedNanos: 0,
    });
    expect(await store.reserve(request(chain, 4))).toMatchObject({
      ok: false,
      limitNanos: big,
      spentNanos: big - 3,
    });
  });

  it("refuses a top-up that would carry a total past 2^53 nanos, changing nothing", async () => {
    const root = freshRoot();
    const node = { id: root, totalNanos: Number.MAX_SAFE_INTEGER - 10 };
    await store.adjustTotal(node, 0);
    const error = await store.adjustTotal(node, 11).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as LLMConfigError).field).toBe("usd");
    expect((await store.snapshot(node)).totalNanos).toBe(Number.MAX_SAFE_INTEGER - 10);
    // Through a tracker: a config error naming the field, never a retryable store error.
    const tracker = new BudgetTracker({ total: 9_000_000, id: root, store });
    await expect(tracker.topUp(1e300)).rejects.toMatchObject({ code: "config", field: "usd" });
    await expect(tracker.topUp(8_000_000)).rejects.toMatchObject({ code: "config", field: "usd" });
    expect(await store.adjustTotal(node, 10)).toMatchObject({
      totalNanos: Number.MAX_SAFE_INTEGER,
    });
  });

  it("falls back to EVAL when Redis has lost its script cache", async () => {
    await client.script("FLUSH");
    const chain = chainOf(freshRoot(), [100]);
    const req = request(chain, 5);
    expect((await store.reserve(req)).ok).toBe(true);
    await client.script("FLUSH");
    expect((await store.settle(req.reservationId, 5)).status).toBe("settled");
  });

  it("rejects bad input before touching Redis", async () => {
    const root = freshRoot();
    await expect(
      store.reserve(
        request(
          [
            { id: `${root}/a`, totalNanos: 1 },
            { id: "other", totalNanos: 1 },
          ],
          1,
        ),
      ),
    ).rejects.toBeInstanceOf(LLMConfigError);
    await expect(store.reserve(request([{ id: "a{b}", totalNanos: 1 }], 1))).rejects.toBeInstanceOf(
      LLMConfigError,
    );
    await expect(store.reserve(request([{ id: root, totalNanos: 1 }], 1.5))).rejects.toBeInstanceOf(
      LLMConfigError,
    );
    await expect(store.reserve(request([], 1))).rejects.toBeInstanceOf(LLMConfigError);
    await expect(store.settle(randomUUID(), -1)).rejects.toBeInstanceOf(LLMConfigError);
    expect(() => new RedisBudgetStore({ client, prefix: "a{b" })).toThrow(LLMConfigError);
  });

  it("a store that did not make a reservation settles it through a tree it has used", async () => {
    const chain = chainOf(freshRoot(), [100, 100]);
    const req = request(chain, 50);
    await store.reserve(req);
    const other = new RedisBudgetStore({ client });
    expect(await other.settle(req.reservationId, 10)).toEqual({
      status: "unknown",
      chargedNanos: 0,
    });
    await other.snapshot(chain[1]!);
    expect(await other.settle(req.reservationId, 10)).toEqual({
      status: "settled",
      chargedNanos: 10,
    });
    const third = new RedisBudgetStore({ client });
    expect(await third.settleIn(chain[0]!.id, req.reservationId, 10)).toEqual({
      status: "already-settled",
      chargedNanos: 10,
    });
  });
});

describe("with BudgetTracker", () => {
  it("two trackers with one id share one budget; refusals name the budget", async () => {
    const id = freshRoot();
    const a = new BudgetTracker({ total: 1, id, store, name: "shared" });
    const b = new BudgetTracker({ total: 1, id, store });
    const team = a.child({ total: 0.4, id: "team", name: "team" });
    const r1 = await team.reserve(300_000_000);
    const r2 = await b.reserve(600_000_000);
    await expect(team.reserve(200_000_000)).rejects.toMatchObject({
      name: "LLMBudgetExceededError",
      budgetId: `${id}/team`,
      budgetName: "team",
    });
    await r1.settle(250_000_000);
    await r2.settle(750_000_000); // actual cost above the hold is still charged in full
    const error = await team.reserve(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMBudgetExceededError);
    expect(error).toMatchObject({ budgetId: id, budgetName: "shared", spent: 1, reserved: 0 });
    expect(await a.snapshot()).toMatchObject({ spent: 1, reserved: 0, remaining: 0 });
    expect(await team.snapshot()).toMatchObject({ total: 0.4, spent: 0.25, reserved: 0 });
  });
});

describe("sweep marks", () => {
  it("a stale-early lease mark costs one empty sweep, then points at the real earliest lease", async () => {
    const chain = chainOf(freshRoot(), [1_000]);
    const tree = `llmc:budget:{${chain[0]!.id}}`;
    const short = request(chain, 10, 1_000);
    const long = request(chain, 20, 60_000);
    await store.reserve(short);
    await store.reserve(long);
    const shortMark = Number(await client.hget(`${tree}:res`, "}lease"));
    await store.settle(short.reservationId, 1); // the earliest lease is gone; the mark stays
    expect(Number(await client.hget(`${tree}:res`, "}lease"))).toBe(shortMark);
    await sleep(1_100);
    expect((await store.snapshot(chain[0]!)).reservedNanos).toBe(20); // nothing freed
    const longMark = Number(await client.hget(`${tree}:res`, "}lease"));
    expect(longMark).toBe(Number(await client.zscore(`${tree}:leases`, long.reservationId)));
  });

  it("forgets in batches: a full batch sweeps again on the next call", async () => {
    // Long enough that the 24 operations below all finish before any id is due, even on a
    // loaded machine (a sweep during the loop would change the counts); then wait past it.
    const forgetful = new RedisBudgetStore({ client, settledMemoryMs: 1_000, sweepLimit: 5 });
    const chain = chainOf(freshRoot(), [1_000]);
    const tree = `llmc:budget:{${chain[0]!.id}}`;
    for (let i = 0; i < 12; i++) {
      const req = request(chain, 1);
      await forgetful.reserve(req);
      await forgetful.settle(req.reservationId, 1);
    }
    expect(await client.llen(`${tree}:forget`)).toBe(12);
    await sleep(1_100);
    await forgetful.snapshot(chain[0]!);
    expect(await client.llen(`${tree}:forget`)).toBe(7);
    await forgetful.snapshot(chain[0]!);
    expect(await client.llen(`${tree}:forget`)).toBe(2);
    await forgetful.snapshot(chain[0]!);
    expect(await client.llen(`${tree}:forget`)).toBe(0);
    expect(await client.hget(`${tree}:res`, "}forget")).toBeNull();
  });

  it("out-of-order memory times forget late, never early", async () => {
    const long = new RedisBudgetStore({ client, settledMemoryMs: 60_000 });
    const short = new RedisBudgetStore({ client, settledMemoryMs: 20 });
    const chain = chainOf(freshRoot(), [1_000]);
    const first = request(chain, 1);
    const second = request(chain, 1);
    await long.reserve(first);
    await long.settle(first.reservationId, 1); // queued first, due in a minute
    await short.reserve(second);
    await short.settle(second.reservationId, 1); // queued behind it, due in 20 ms
    await sleep(60);
    await short.snapshot(chain[0]!);
    expect(await long.settle(first.reservationId, 1)).toMatchObject({ status: "already-settled" });
    // The second is due but waits behind the first: remembered longer than asked, no harm.
    expect(await short.settle(second.reservationId, 1)).toMatchObject({
      status: "already-settled",
    });
  });
});
