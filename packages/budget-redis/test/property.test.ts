import { randomUUID } from "node:crypto";
import {
  type BudgetNodeRef,
  type BudgetStore,
  InMemoryBudgetStore,
  type ReserveOutcome,
  type SettleOutcome,
} from "@llmc/core";
import fc from "fast-check";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisBudgetStore } from "../src/index.js";
import { freshRoot } from "./helpers.js";
import { RedisTestServer } from "./redis-server.js";

/** Fixed by default so a CI run is reproducible; FC_SEED=… explores other cases. */
const SEED = Number(process.env.FC_SEED ?? 20_251_125);

let server: RedisTestServer;
let client: Redis;
let store: RedisBudgetStore;

beforeAll(async () => {
  server = await RedisTestServer.start();
  client = new Redis({ host: server.host, port: server.port, lazyConnect: true });
  await client.connect();
  store = new RedisBudgetStore({ client, commandTimeoutMs: 20_000 });
});

afterAll(async () => {
  await client?.quit();
  await server?.stop();
});

/** A random tree: node i > 0 hangs under a node before it. */
const treeArb = fc
  .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 2_000 })), { minLength: 0, maxLength: 6 })
  .chain((children) =>
    fc.integer({ min: 0, max: 3_000 }).map((rootTotal) => ({ rootTotal, children })),
  );

interface Tree {
  /** chains[i]: node i and its ancestors, leaf first. */
  readonly chains: BudgetNodeRef[][];
  readonly nodes: BudgetNodeRef[];
}

function buildTree(shape: {
  rootTotal: number;
  children: readonly (readonly [number, number])[];
}): Tree {
  const root = freshRoot("prop");
  const nodes: BudgetNodeRef[] = [{ id: root, totalNanos: shape.rootTotal }];
  const chains: BudgetNodeRef[][] = [[nodes[0]!]];
  shape.children.forEach(([parentPick, total], index) => {
    const parent = parentPick % nodes.length;
    const node = { id: `${nodes[parent]!.id}/n${index + 1}`, totalNanos: total };
    nodes.push(node);
    chains.push([node, ...chains[parent]!]);
  });
  return { chains, nodes };
}

async function snapshots(target: BudgetStore, nodes: readonly BudgetNodeRef[]) {
  return Promise.all(nodes.map((node) => target.snapshot(node)));
}

describe("property: the Redis store keeps the in-memory store's invariant", () => {
  it("concurrent reserve / settle(≤ held) / release never overspends and ends with nothing held", async () => {
    const opArb = fc.record({
      node: fc.nat(),
      amount: fc.integer({ min: 0, max: 900 }),
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      release: fc.boolean(),
      pauseMs: fc.integer({ min: 0, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(
        treeArb,
        fc.array(opArb, { minLength: 1, maxLength: 40 }),
        async (shape, ops) => {
          const tree = buildTree(shape);
          const charged = new Map<string, number>();
          const violations: string[] = [];
          const check = async () => {
            for (const s of await snapshots(store, tree.nodes)) {
              // Charges never exceed holds here, so even spent + held stays within the cap.
              if (s.spentNanos + s.reservedNanos > s.totalNanos || s.reservedNanos < 0) {
                violations.push(JSON.stringify(s));
              }
            }
          };
          await Promise.all([
            ...ops.map(async (op) => {
              const chain = tree.chains[op.node % tree.chains.length]!;
              const reservationId = randomUUID();
              const outcome = await store.reserve({
                reservationId,
                chain,
                amountNanos: op.amount,
                leaseMs: 60_000,
              });
              if (!outcome.ok) return;
              if (op.pauseMs) await new Promise((r) => setTimeout(r, op.pauseMs));
              const actual = op.release ? 0 : Math.floor(op.amount * op.fraction);
              const settled = await store.settle(reservationId, actual);
              expect(settled).toEqual({ status: "settled", chargedNanos: actual });
              for (const node of chain) {
                charged.set(node.id, (charged.get(node.id) ?? 0) + actual);
              }
            }),
            check(),
            new Promise((r) => setTimeout(r, 1)).then(check),
          ]);
          await check();
          expect(violations).toEqual([]);
          for (const s of await snapshots(store, tree.nodes)) {
            expect(s.reservedNanos).toBe(0);
            expect(s.spentNanos).toBeLessThanOrEqual(s.totalNanos);
            expect(s.spentNanos).toBe(charged.get(s.id) ?? 0);
          }
        },
      ),
      { numRuns: 40, seed: SEED },
    );
  });

  it("any sequence of operations gives exactly the in-memory store's outcomes and numbers", async () => {
    const commandArb = fc.oneof(
      fc.record({
        kind: fc.constant("reserve" as const),
        node: fc.nat(),
        amount: fc.integer({ min: 0, max: 1_200 }),
      }),
      fc.record({
        kind: fc.constant("settle" as const),
        pick: fc.nat(),
        // May exceed the hold: a call can cost more than its estimate; both stores charge it.
        actual: fc.integer({ min: 0, max: 1_500 }),
      }),
      fc.record({ kind: fc.constant("release" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("settle-unknown" as const) }),
      fc.record({
        kind: fc.constant("adjust" as const),
        node: fc.nat(),
        delta: fc.integer({ min: -500, max: 500 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        treeArb,
        fc.array(commandArb, { minLength: 1, maxLength: 40 }),
        async (shape, commands) => {
          const tree = buildTree(shape);
          const memory = new InMemoryBudgetStore();
          const ids: string[] = [];
          for (const command of commands) {
            let pair: [
              ReserveOutcome | SettleOutcome | object,
              ReserveOutcome | SettleOutcome | object,
            ];
            switch (command.kind) {
              case "reserve": {
                const request = {
                  reservationId: randomUUID(),
                  chain: tree.chains[command.node % tree.chains.length]!,
                  amountNanos: command.amount,
                  leaseMs: 60_000,
                };
                pair = [await memory.reserve(request), await store.reserve(request)];
                ids.push(request.reservationId);
                break;
              }
              case "settle":
              case "release": {
                if (ids.length === 0) continue;
                const id = ids[command.pick % ids.length]!;
                const actual = command.kind === "settle" ? command.actual : 0;
                pair = [await memory.settle(id, actual), await store.settle(id, actual)];
                break;
              }
              case "settle-unknown": {
                const id = randomUUID();
                pair = [await memory.settle(id, 5), await store.settle(id, 5)];
                break;
              }
              case "adjust": {
                const node = tree.nodes[command.node % tree.nodes.length]!;
                pair = [
                  await memory.adjustTotal(node, command.delta),
                  await store.adjustTotal(node, command.delta),
                ];
                break;
              }
            }
            expect(pair[1]).toEqual(pair[0]);
            expect(await snapshots(store, tree.nodes)).toEqual(await snapshots(memory, tree.nodes));
          }
        },
      ),
      { numRuns: 40, seed: SEED },
    );
  });
});
