import { describe, expect, it } from "vitest";
import {
  BudgetTracker,
  InMemorySpendLedger,
  LLMConfigError,
  LLMProviderError,
  usdToNanos,
} from "../src/index.js";
import { reply, TestAdapter } from "./support/test-adapter.js";

const fast = { retryPolicy: { initialDelayMs: 1, maxDelayMs: 2 } };

/** Token counts that make awkward nano-dollar amounts (primes), so float sums would drift. */
function awkwardAdapter() {
  let call = 0;
  return new TestAdapter(async (request) => {
    call++;
    if (call % 7 === 0) throw new LLMProviderError("overloaded", { status: 503 });
    const model = request.model === "test-model" ? "test-model" : request.model;
    return { ...reply("ok", 1 + ((call * 7919) % 997), 1 + ((call * 104729) % 499)), model };
  }, fast);
}

describe("InMemorySpendLedger", () => {
  it("reports per agent and model, and its total equals the budget's spent to the nano-dollar", async () => {
    const root = new BudgetTracker({ total: 10, name: "run" });
    const ledger = new InMemorySpendLedger();
    const detach = ledger.attach(root);
    const agents = ["planner", "researcher", "writer"] as const;
    const children = agents.map((agent) => root.child({ total: 5, name: agent, id: agent }));
    const adapter = awkwardAdapter();
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        adapter.executePrompt(`task ${i}`, {
          model: "test-model",
          maxOutputTokens: 500,
          budgetTracker: children[i % 3]!,
          metadata: { agent: agents[i % 3], user: i % 2 === 0 ? "ana" : "bo" },
        }),
      ),
    );
    await ledger.flush();

    const snapshot = await root.snapshot();
    const report = await ledger.report({ groupBy: ["metadata.agent"] });
    expect(report.total.costNanos).toBe(usdToNanos(snapshot.spent));
    expect(report.total.costUsd).toBe(snapshot.spent);
    expect(report.total.calls).toBe(60);
    // 60 successes plus the failed (released) attempts that were retried.
    expect(report.total.attempts).toBeGreaterThan(60);
    expect(report.rows.map((row) => row.group["metadata.agent"]).sort()).toEqual([...agents]);
    for (const [i, agent] of agents.entries()) {
      const row = report.rows.find((r) => r.group["metadata.agent"] === agent)!;
      expect(row.calls).toBe(20);
      expect(row.costNanos).toBe(usdToNanos(children[i]!.spent));
      const ownReport = await ledger.report({ budgetId: children[i]!.id });
      expect(ownReport.total.costNanos).toBe(row.costNanos);
    }
    const sum = report.rows.reduce((acc, row) => acc + row.costNanos, 0);
    expect(sum).toBe(report.total.costNanos);
    expect(report.rows[0]!.costNanos).toBeGreaterThanOrEqual(report.rows[1]!.costNanos);

    const byUserAndModel = await ledger.report({ groupBy: ["metadata.user", "model", "provider"] });
    expect(byUserAndModel.rows.map((row) => row.group)).toEqual(
      expect.arrayContaining([
        { "metadata.user": "ana", model: "test-model", provider: "test" },
        { "metadata.user": "bo", model: "test-model", provider: "test" },
      ]),
    );
    detach();
    await (await root.reserve(1_000)).settle(1_000);
    expect((await ledger.report()).total.costNanos).toBe(report.total.costNanos);
  });

  it("filters by time, groups by budget and UTC day, and counts a reservation seen twice once", async () => {
    const root = new BudgetTracker({ total: 1 });
    const child = root.child({ total: 1, id: "c" });
    const ledger = new InMemorySpendLedger();
    ledger.attach(root);
    ledger.attach(child);
    await (await child.reserve(300)).settle(300);
    await (await root.reserve(200)).settle(200);
    expect(ledger.events).toHaveLength(3);
    const byBudget = await ledger.report({ groupBy: ["budget", "day", "metadata.agent"] });
    const today = new Date().toISOString().slice(0, 10);
    expect(byBudget.rows).toEqual([
      expect.objectContaining({
        group: { budget: child.id, day: today, "metadata.agent": "(none)" },
        costNanos: 300,
      }),
      expect.objectContaining({
        group: { budget: root.id, day: today, "metadata.agent": "(none)" },
        costNanos: 200,
      }),
    ]);
    expect(byBudget.total.costNanos).toBe(usdToNanos(root.spent));
    const later = Date.now() + 60_000;
    expect((await ledger.report({ since: later })).total.attempts).toBe(0);
    expect((await ledger.report({ until: new Date(later) })).total.costNanos).toBe(500);
  });

  it("refuses an unknown group key with a config error naming the choices", async () => {
    const ledger = new InMemorySpendLedger();
    await expect(ledger.report({ groupBy: ["agent" as never] })).rejects.toThrow(LLMConfigError);
    await expect(ledger.report({ groupBy: ["agent" as never] })).rejects.toThrow(
      /budget, provider, model, day or metadata\.<key>/,
    );
  });
});
