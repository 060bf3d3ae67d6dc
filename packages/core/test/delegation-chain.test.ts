import { describe, expect, it } from "vitest";
import { BudgetTracker, LLMBudgetExceededError } from "../src/index.js";
import { reply, TestAdapter } from "./support/test-adapter.js";

// test-model costs $1/M input and $2/M output, so each call below costs a round $0.20.
const usage = { input: 100_000, output: 50_000 }; // $0.10 + $0.10 = $0.20 per call

function agent() {
  return new TestAdapter(async () => reply("done", usage.input, usage.output));
}

describe("delegation chain A → B → C", () => {
  it("charges one shared tracker and refuses the call that would cross it before it runs", async () => {
    const shared = new BudgetTracker({ total: 0.5 });
    const [a, b, c] = [agent(), agent(), agent()];
    // maxOutputTokens 50k at $2/M plus a small prompt reserves just over $0.10 per call.
    const config = { model: "test-model", maxOutputTokens: 50_000, budgetTracker: shared };
    await a.executePrompt("plan", config);
    await b.executePrompt("research", config);
    expect(shared.spent).toBeCloseTo(0.4, 9);

    const refused = await c.executePrompt("write", config).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LLMBudgetExceededError);
    expect(c.requests).toHaveLength(0);
    expect([shared.spent, shared.reserved]).toEqual([0.4, 0]);
  });

  it("gives each delegate a nested sub-cap that also charges every ancestor", async () => {
    const budgetA = new BudgetTracker({ total: 1, name: "A" });
    const budgetB = budgetA.child({ total: 0.45, name: "B" });
    const budgetC = budgetB.child({ total: 0.25, name: "C" });
    const [a, b, c] = [agent(), agent(), agent()];
    const at = (budgetTracker: BudgetTracker) => ({
      model: "test-model",
      maxOutputTokens: 50_000,
      budgetTracker,
    });

    await a.executePrompt("plan", at(budgetA));
    await b.executePrompt("research", at(budgetB));
    await c.executePrompt("write", at(budgetC));
    expect([budgetA.spent, budgetB.spent, budgetC.spent].map((x) => x.toFixed(2))).toEqual([
      "0.60",
      "0.40",
      "0.20",
    ]);

    // C has $0.05 left of its own cap: the next call's worst case does not fit C.
    const refusedAtC = await c.executePrompt("again", at(budgetC)).catch((e: unknown) => e);
    expect(refusedAtC).toMatchObject({ budgetName: "C" });
    // B has $0.05 left too, so B's own next call is refused at B although A has room.
    const refusedAtB = await b.executePrompt("again", at(budgetB)).catch((e: unknown) => e);
    expect(refusedAtB).toMatchObject({ budgetName: "B" });
    expect(c.requests).toHaveLength(1);
    expect(b.requests).toHaveLength(1);
    // A itself still has room.
    await a.executePrompt("wrap up", at(budgetA));
    expect(budgetA.spent).toBeCloseTo(0.8, 9);
  });
});

describe("Promise.all over four adapters", () => {
  it("runs them side by side on one budget and sums their cost exactly", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const adapters = [agent(), agent(), agent(), agent()];
    const results = await Promise.all(
      adapters.map((adapter, i) =>
        adapter.executePrompt(`task ${i}`, {
          model: "test-model",
          maxOutputTokens: 50_000,
          budgetTracker: budget,
        }),
      ),
    );
    expect(results.map((r) => r.costUsd)).toEqual([0.2, 0.2, 0.2, 0.2]);
    expect(results.every((r) => r.costSource === "price-table")).toBe(true);
    expect([budget.spent, budget.reserved]).toEqual([0.8, 0]);
  });
});
