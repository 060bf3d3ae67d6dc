import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BudgetTracker, LLMBudgetExceededError } from "../src/index.js";

/**
 * The heart of the product: under any interleaving of concurrent reserve / settle / release /
 * failure across a random tree of child budgets, no budget's spend ever passes its total, and
 * once every call has ended nothing is left reserved.
 */
interface TreeShape {
  readonly rootTotal: number;
  readonly children: ReadonlyArray<{ parentIndex: number; total: number }>;
}

const treeShape: fc.Arbitrary<TreeShape> = fc.record({
  rootTotal: fc.integer({ min: 0, max: 5_000 }),
  children: fc.array(
    fc.record({ parentIndex: fc.nat(), total: fc.integer({ min: 0, max: 5_000 }) }),
    { maxLength: 6 },
  ),
});

const callPlan = fc.record({
  node: fc.nat(),
  reserve: fc.integer({ min: 0, max: 2_000 }),
  /** What happens after the reservation: settle at a fraction of it, release, or "fail". */
  ending: fc.oneof(
    fc.record({
      kind: fc.constant("settle" as const),
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    fc.record({ kind: fc.constant("release" as const) }),
    fc.record({ kind: fc.constant("fail" as const) }),
  ),
});

function buildTree(shape: TreeShape): BudgetTracker[] {
  const nodes = [new BudgetTracker({ total: shape.rootTotal / 1e9 })];
  for (const child of shape.children) {
    const parent = nodes[child.parentIndex % nodes.length]!;
    nodes.push(parent.child({ total: child.total / 1e9 }));
  }
  return nodes;
}

describe("budget invariant (property)", () => {
  it("never lets spend pass any total and leaves nothing reserved", async () => {
    await fc.assert(
      fc.asyncProperty(
        treeShape,
        fc.array(callPlan, { maxLength: 40 }),
        fc.scheduler(),
        async (shape, plans, s) => {
          const nodes = buildTree(shape);
          const assertInvariant = () => {
            for (const node of nodes) {
              expect(node.spent).toBeLessThanOrEqual(node.total);
              expect(node.spent + node.reserved).toBeLessThanOrEqual(node.total + 1e-12);
            }
          };
          const calls = plans.map(async (plan) => {
            const node = nodes[plan.node % nodes.length]!;
            let reservation: Awaited<ReturnType<BudgetTracker["reserve"]>>;
            try {
              reservation = await s.schedule(node.reserve(plan.reserve));
            } catch (error) {
              expect(error).toBeInstanceOf(LLMBudgetExceededError);
              return;
            }
            assertInvariant();
            await s.schedule(Promise.resolve());
            if (plan.ending.kind === "settle") {
              await reservation.settle(Math.floor(plan.reserve * plan.ending.fraction));
            } else {
              // A failed call and a released one both free the hold without charging.
              await reservation.release();
            }
            assertInvariant();
          });
          await s.waitAll();
          await Promise.all(calls);
          assertInvariant();
          for (const node of nodes) expect(node.reserved).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
