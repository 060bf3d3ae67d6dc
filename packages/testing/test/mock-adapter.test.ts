import { BudgetTracker, LLMBudgetExceededError, LLMRateLimitError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { MockAdapter } from "../src/mock-adapter.js";

describe("MockAdapter", () => {
  it("replays scripted replies in order, with usage and price-table cost", async () => {
    const mock = new MockAdapter({
      steps: [
        { text: "first", usage: { inputTokens: 1_000_000, outputTokens: 0 } },
        { text: "second", costUsd: 0.25 },
      ],
    });
    const first = await mock.executePrompt("a", { model: "mock-small" });
    const second = await mock.executePrompt("b", { model: "mock-small" });
    expect(first).toMatchObject({
      text: "first",
      costUsd: 0.5,
      costSource: "price-table",
      provider: "mock",
    });
    expect(second).toMatchObject({ text: "second", costUsd: 0.25, costSource: "provider" });
    expect(mock.requests.map((r) => r.messages[0]!.content)).toEqual(["a", "b"]);
  });

  it("throws scripted failures through core's retry loop", async () => {
    const mock = new MockAdapter({
      retryPolicy: { initialDelayMs: 1 },
      steps: [{ error: () => new LLMRateLimitError("busy", { retryAfterMs: 1 }) }, { text: "ok" }],
    });
    const result = await mock.executePrompt("hi", { model: "mock-small" });
    expect([result.text, result.attempts]).toEqual(["ok", 2]);
  });

  it("streams word by word and enforces budgets like a real adapter", async () => {
    const budget = new BudgetTracker({ total: 0.01 });
    const mock = new MockAdapter({ fallback: { text: "one two three" } });
    const deltas: string[] = [];
    const stream = mock.streamPrompt("hi", {
      model: "mock-small",
      maxOutputTokens: 100,
      budgetTracker: budget,
    });
    for await (const delta of stream) deltas.push(delta);
    expect(deltas).toEqual(["one ", "two ", "three"]);
    await expect(
      mock.executePrompt("hi", {
        model: "mock-large",
        maxOutputTokens: 8_000,
        budgetTracker: budget,
      }),
    ).rejects.toBeInstanceOf(LLMBudgetExceededError);
    expect(mock.requests).toHaveLength(1);
  });
});
