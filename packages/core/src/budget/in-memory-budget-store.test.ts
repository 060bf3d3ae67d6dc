import { describe, expect, it } from "vitest";
import { InMemoryBudgetStore } from "./in-memory-budget-store.js";

const root = { id: "root", totalNanos: 1_000 };
const child = { id: "root/child", totalNanos: 400 };

describe("InMemoryBudgetStore", () => {
  it("reserves on every node of the chain and settles the actual cost on each", async () => {
    const store = new InMemoryBudgetStore();
    const outcome = await store.reserve({
      reservationId: "r1",
      chain: [child, root],
      amountNanos: 300,
      leaseMs: 1,
    });
    expect(outcome).toEqual({ ok: true, reservationId: "r1" });
    expect(store.peek(child)).toMatchObject({ reservedNanos: 300, spentNanos: 0 });
    expect(store.peek(root)).toMatchObject({ reservedNanos: 300, spentNanos: 0 });

    expect(await store.settle("r1", 120)).toEqual({ status: "settled", chargedNanos: 120 });
    expect(store.peek(child)).toMatchObject({ reservedNanos: 0, spentNanos: 120 });
    expect(store.peek(root)).toMatchObject({ reservedNanos: 0, spentNanos: 120 });
  });

  it("refuses without a partial reservation when an ancestor has no room", async () => {
    const store = new InMemoryBudgetStore();
    await store.reserve({ reservationId: "a", chain: [root], amountNanos: 800, leaseMs: 1 });
    const refused = await store.reserve({
      reservationId: "b",
      chain: [child, root],
      amountNanos: 300,
      leaseMs: 1,
    });
    expect(refused).toEqual({
      ok: false,
      refusedBy: "root",
      limitNanos: 1_000,
      spentNanos: 0,
      reservedNanos: 800,
      requestedNanos: 300,
    });
    expect(store.peek(child).reservedNanos).toBe(0);
  });

  it("refuses at the child when the child cap is the tighter one", async () => {
    const store = new InMemoryBudgetStore();
    const refused = await store.reserve({
      reservationId: "b",
      chain: [child, root],
      amountNanos: 401,
      leaseMs: 1,
    });
    expect(refused.ok).toBe(false);
    expect(refused.ok === false && refused.refusedBy).toBe("root/child");
    expect(store.peek(root).reservedNanos).toBe(0);
  });

  it("settles once: a second settle or release changes nothing", async () => {
    const store = new InMemoryBudgetStore();
    await store.reserve({ reservationId: "r", chain: [root], amountNanos: 500, leaseMs: 1 });
    await store.settle("r", 100);
    expect(await store.settle("r", 400)).toEqual({ status: "already-settled", chargedNanos: 100 });
    expect(await store.release("r")).toEqual({ status: "already-settled", chargedNanos: 100 });
    expect(store.peek(root)).toMatchObject({ spentNanos: 100, reservedNanos: 0 });
  });

  it("reports an unknown reservation instead of charging it", async () => {
    const store = new InMemoryBudgetStore();
    expect(await store.settle("never-made", 5)).toEqual({ status: "unknown", chargedNanos: 0 });
  });

  it("refuses to reuse a reservation id", async () => {
    const store = new InMemoryBudgetStore();
    await store.reserve({ reservationId: "same", chain: [root], amountNanos: 1, leaseMs: 1 });
    await expect(
      store.reserve({ reservationId: "same", chain: [root], amountNanos: 1, leaseMs: 1 }),
    ).rejects.toThrow(/already used/);
  });

  it("keeps stored totals when a chain names a node again with another total", async () => {
    const store = new InMemoryBudgetStore();
    await store.adjustTotal(root, 500);
    await store.reserve({
      reservationId: "x",
      chain: [{ id: "root", totalNanos: 1 }],
      amountNanos: 1_200,
      leaseMs: 1,
    });
    expect(store.peek(root)).toMatchObject({ totalNanos: 1_500, reservedNanos: 1_200 });
  });
});
