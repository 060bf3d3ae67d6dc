import { BudgetTracker, tool } from "@llmc/core";
import { MockAdapter } from "@llmc/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAgent } from "../src/index.js";

const noop = tool({ description: "Noop", input: z.object({}), execute: () => "ok" });

describe("runAgent: budget disclosure", () => {
  it("tells the model its budget in the instructions, the same bytes on every step", async () => {
    const mock = new MockAdapter({
      steps: [
        { toolCalls: [{ name: "noop", arguments: {} }] },
        { toolCalls: [{ name: "noop", arguments: {} }] },
        { text: "done" },
      ],
    });
    const budget = new BudgetTracker({ total: 0.25 });
    await runAgent({
      adapter: mock,
      model: "mock-small",
      instructions: "You are careful.",
      prompt: "go",
      tools: { noop },
      budgetTracker: budget,
      discloseBudget: true,
      maxSteps: 5,
      finalAnswer: { reserveUsd: 0.05 },
    });
    const prompts = mock.requests.map((r) => r.systemPrompt);
    expect(prompts[0]).toMatch(
      /^You are careful\.\n\nBudget: this task may spend at most \$0\.2 on model calls and tools, in at most 5 model calls\./,
    );
    // Unchanged while money was spent: a provider's prompt cache keeps the prefix.
    expect(new Set(prompts).size).toBe(1);
    // Nothing about the budget in the messages.
    for (const r of mock.requests) {
      for (const m of r.messages) expect(m.content).not.toMatch(/Budget:/);
    }
  });

  it("without discloseBudget the instructions go as they are", async () => {
    const mock = new MockAdapter({ steps: [{ text: "x" }] });
    await runAgent({
      adapter: mock,
      model: "mock-small",
      instructions: "Plain.",
      prompt: "go",
      budgetTracker: new BudgetTracker({ total: 1 }),
    });
    expect(mock.requests[0]!.systemPrompt).toBe("Plain.");
  });
});

describe("runAgent: structured answer", () => {
  const Offer = z.object({ vendor: z.string(), priceUsd: z.number() });

  it("sends the schema and returns the last step's validated object, typed", async () => {
    const mock = new MockAdapter({
      steps: [
        { toolCalls: [{ name: "noop", arguments: {} }] },
        {
          text: JSON.stringify([
            { vendor: "A", priceUsd: 10 },
            { vendor: "B", priceUsd: 12 },
          ]),
        },
      ],
    });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "Compare the offers.",
      tools: { noop },
      schema: Offer.array(),
    });
    expect(run.stopReason).toBe("done");
    const cheapest: string | undefined = run.object?.[0]?.vendor;
    expect(cheapest).toBe("A");
    expect(mock.requests.every((r) => r.config.schema !== undefined)).toBe(true);
  });
});
