import { BudgetTracker } from "@llmc/core";
import { Cluster, Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisBudgetStore } from "../src/index.js";
import { freshRoot } from "./helpers.js";
import { RedisTestServer, sleep } from "./redis-server.js";

let server: RedisTestServer;
let cluster: Cluster;

beforeAll(async () => {
  server = await RedisTestServer.start({ cluster: true });
  // A one-node cluster owning every slot: enough for Redis to enforce cluster rules (every
  // command's and script's declared keys must share one slot) without a multi-node setup.
  const admin = new Redis({ host: server.host, port: server.port, lazyConnect: true });
  await admin.connect();
  await admin.call("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
  for (let i = 0; i < 100; i++) {
    if (String(await admin.call("CLUSTER", "INFO")).includes("cluster_state:ok")) break;
    await sleep(50);
  }
  await admin.quit();
  cluster = new Cluster([{ host: server.host, port: server.port }], { lazyConnect: true });
  await cluster.connect();
});

afterAll(async () => {
  await cluster?.quit();
  await server?.stop();
});

describe("Redis Cluster", () => {
  it("every script's keys share the tree's slot, through an ioredis Cluster client", async () => {
    const store = new RedisBudgetStore({ client: cluster });
    const id = freshRoot("cluster");
    const root = new BudgetTracker({ total: 1, id, store });
    const agent = root.child({ total: 0.5, id: "team" }).child({ total: 0.2, id: "agent" });
    const held = await agent.reserve(100_000_000);
    expect(await agent.snapshot()).toMatchObject({ reserved: 0.1 });
    expect(await held.settle(40_000_000)).toEqual({ status: "settled", chargedNanos: 40_000_000 });
    const brief = await store.reserve({
      reservationId: "short-lease",
      chain: agent.chain,
      amountNanos: 5,
      leaseMs: 10,
    });
    expect(brief.ok).toBe(true);
    await sleep(30);
    expect(await root.snapshot()).toMatchObject({ spent: 0.04, reserved: 0 });
    expect(await store.settle("short-lease", 1)).toEqual({ status: "expired", chargedNanos: 1 });
    expect(await root.topUp(1)).toMatchObject({ total: 2 });
    expect(await store.closeBudget(id)).toBe(3);
    // The guard is real: keys of two trees in one command are refused by the cluster.
    await expect(cluster.eval("return 1", 2, "{a}:x", "{b}:y")).rejects.toThrow(/CROSSSLOT/);
  });
});
