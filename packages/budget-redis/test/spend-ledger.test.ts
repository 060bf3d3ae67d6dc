import { BudgetTracker, LLMConfigError, type SettleEvent, usdToNanos } from "@llmc/core";
import { MockAdapter } from "@llmc/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisBudgetStore, RedisSpendLedger } from "../src/index.js";
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
  store = new RedisBudgetStore({ client });
});

afterAll(async () => {
  for (const worker of workers) worker.kill();
  await Promise.all(workers.map((worker) => worker.exited));
  await client?.quit();
  await server?.stop();
});

describe("RedisSpendLedger", () => {
  it("records every attempt of adapter calls in the tree's stream; the report equals spent to the nano-dollar", async () => {
    const rootId = freshRoot("ledger");
    const root = new BudgetTracker({ total: 5, id: rootId, store });
    const ledger = new RedisSpendLedger({ client });
    ledger.attach(root);
    const agents = ["planner", "writer"];
    const adapter = new MockAdapter({
      fallback: (request) => ({ text: `answer to ${String(request.messages[0]?.content)}` }),
    });
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        adapter.executePrompt(`question number ${i * 7919}`, {
          model: i % 3 === 0 ? "mock-large" : "mock-small",
          maxOutputTokens: 200,
          budgetTracker: root.child({ total: 1, id: agents[i % 2]! }),
          metadata: { agent: agents[i % 2] },
        }),
      ),
    );
    await ledger.flush();
    expect(await client.xlen(ledger.streamKey(rootId))).toBe(30);

    const snapshot = await root.snapshot();
    const report = await ledger.report({ budgetId: rootId, groupBy: ["metadata.agent", "model"] });
    expect(report.total.costNanos).toBe(usdToNanos(snapshot.spent));
    expect(report.total.calls).toBe(30);
    expect(report.rows).toHaveLength(4);
    for (const agent of agents) {
      const child = await store.getBudget(`${rootId}/${agent}`);
      const rows = report.rows.filter((row) => row.group["metadata.agent"] === agent);
      expect(rows.reduce((sum, row) => sum + row.costNanos, 0)).toBe(usdToNanos(child!.spent));
    }
    // A fresh ledger (another process, say) reads the same stream.
    const elsewhere = new RedisSpendLedger({ client });
    const again = await elsewhere.report({ budgetId: `${rootId}/planner`, groupBy: ["provider"] });
    expect(again.rows).toEqual([expect.objectContaining({ group: { provider: "mock" } })]);
    expect(again.total.calls).toBe(15);
    await expect(elsewhere.report({})).rejects.toBeInstanceOf(LLMConfigError);
  });

  it("dates entries by Redis' clock, reads [since, until) and trims past the retention", async () => {
    const rootId = freshRoot("retain");
    const ledger = new RedisSpendLedger({ client, retentionMs: 300 });
    const event = (reservationId: string, costNanos: number): SettleEvent => ({
      callId: reservationId,
      reservationId,
      budgetId: rootId,
      budgetPath: [{ id: rootId, name: undefined }],
      provider: "p",
      model: "m",
      usage: undefined,
      costUsd: costNanos / 1e9,
      costNanos,
      costSource: "unknown",
      reservedNanos: costNanos,
      attempt: 1,
      durationMs: undefined,
      outcome: "success",
      storeStatus: "settled",
      metadata: undefined,
      at: 0, // not stored: the entry id's time is the one that counts
    });
    await ledger.record(event("old", 100));
    const [seconds, micros] = await client.time();
    const between = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) + 1;
    await sleep(400);
    await ledger.record(event("new", 7));
    // The append of "new" trimmed "old" (older than 300 ms by Redis' clock).
    expect(await client.xlen(ledger.streamKey(rootId))).toBe(1);
    const report = await ledger.report({ budgetId: rootId, since: between, groupBy: ["day"] });
    expect(report.total).toMatchObject({ attempts: 1, costNanos: 7 });
    expect(report.rows[0]!.group.day).toBe(new Date(between).toISOString().slice(0, 10));
    expect((await ledger.report({ budgetId: rootId, until: between })).total.attempts).toBe(0);
    // The same event appended twice (a re-sent append) is one charge.
    await ledger.record(event("new", 7));
    expect((await ledger.report({ budgetId: rootId })).total.costNanos).toBe(7);
  });

  it("8 processes share one ledger: the report's total equals the root's spent, per agent too", async () => {
    const rootId = freshRoot("fleet-ledger");
    const jobs = Array.from({ length: 8 }, (_, index) => ({
      mode: "ledger",
      url: server.url,
      rootId,
      rootTotalUsd: 100,
      childTotalUsd: 10,
      index,
      seed: 500 + index,
      ops: 100,
      maxNanos: 9_999_991,
    }));
    const results = await Promise.all(
      jobs.map(async (job) => {
        const worker = new Worker();
        workers.push(worker);
        await worker.run(job);
        return worker.next("done");
      }),
    );
    const charged = results.reduce((sum, result) => sum + (result.charged as number), 0);
    const root = await store.snapshot({ id: rootId, totalNanos: 0 });
    expect(root.spentNanos).toBe(charged);
    const ledger = new RedisSpendLedger({ client });
    const report = await ledger.report({ budgetId: rootId, groupBy: ["metadata.agent"] });
    expect(report.total.costNanos).toBe(root.spentNanos);
    expect(report.total.attempts).toBe(800);
    expect(report.rows.map((row) => row.group["metadata.agent"]).sort()).toEqual([
      "agent-0",
      "agent-1",
      "agent-2",
    ]);
    const byBudget = await ledger.report({ budgetId: rootId, groupBy: ["budget"] });
    for (let index = 0; index < 8; index++) {
      const child = await store.snapshot({ id: `${rootId}/w${index}`, totalNanos: 0 });
      const row = byBudget.rows.find((r) => r.group.budget === `${rootId}/w${index}`);
      expect(row?.costNanos).toBe(child.spentNanos);
    }
  }, 60_000);
});
