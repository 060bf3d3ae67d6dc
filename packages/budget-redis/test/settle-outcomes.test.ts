import { type BudgetStore, BudgetTracker, type SettleOutcome } from "@llmc/core";
import { MockAdapter } from "@llmc/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisBudgetStore } from "../src/index.js";
import { freshRoot } from "./helpers.js";
import { RedisTestServer } from "./redis-server.js";

let server: RedisTestServer;
let client: Redis;

beforeAll(async () => {
  server = await RedisTestServer.start();
  client = new Redis({ host: server.host, port: server.port, lazyConnect: true });
  await client.connect();
});

afterAll(async () => {
  await client?.quit();
  await server?.stop();
});

/** The Redis store, with the outcome of every settle recorded. */
function recording(store: RedisBudgetStore) {
  const outcomes: SettleOutcome["status"][] = [];
  const wrapped: BudgetStore = {
    reserve: (request) => store.reserve(request),
    settle: async (id, nanos, budgetId) => {
      const outcome = await store.settle(id, nanos, budgetId);
      outcomes.push(outcome.status);
      return outcome;
    },
    release: (id, budgetId) => wrapped.settle(id, 0, budgetId),
    snapshot: (node) => store.snapshot(node),
    adjustTotal: (node, delta) => store.adjustTotal(node, delta),
  };
  return { store: wrapped, outcomes };
}

describe("the tracker's local view follows Redis' settle outcomes", () => {
  it("a call that outlives its lease: Redis frees the hold, charges the late settle, and the getters agree", async () => {
    const { store, outcomes } = recording(new RedisBudgetStore({ client }));
    const root = new BudgetTracker({ total: 1, id: freshRoot("lease"), store, leaseMs: 200 });
    const team = root.child({ total: 0.5, id: "team" });
    // The mock answers after 1.5 s, long after the 200 ms lease has run out on Redis' clock.
    const adapter = new MockAdapter({ steps: [{ text: "late answer", latencyMs: 1_500 }] });
    const result = await adapter.executePrompt("hi", {
      model: "mock-small",
      maxOutputTokens: 100,
      budgetTracker: team,
    });
    expect(outcomes).toEqual(["expired"]);
    expect(result.costUsd).toBeGreaterThan(0);
    for (const tracker of [team, root]) {
      const local = { spent: tracker.spent, reserved: tracker.reserved };
      const stored = await tracker.snapshot();
      expect(local).toEqual({ spent: stored.spent, reserved: stored.reserved });
      expect(stored).toMatchObject({ spent: result.costUsd, reserved: 0 });
    }
  }, 30_000);
});
