import { BudgetTracker, LLMAuthenticationError, tool } from "@llmc/core";
import { MockAdapter } from "@llmc/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAgent } from "../src/index.js";

const weather = tool({
  description: "Current weather for a city",
  input: z.object({ city: z.string() }),
  execute: ({ city }) => ({ city, tempC: city === "Paris" ? 18 : 11 }),
});

describe("runAgent: the loop", () => {
  it("runs a 3-step loop through executePrompt: tool results go back, the answer ends it", async () => {
    const mock = new MockAdapter({
      steps: [
        { toolCalls: [{ name: "weather", arguments: { city: "Paris" } }] },
        { text: "Now Oslo.", toolCalls: [{ name: "weather", arguments: { city: "Oslo" } }] },
        { text: "Paris is warmer (18 °C against 11 °C)." },
      ],
    });
    const budget = new BudgetTracker({ total: 1 });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      instructions: "You compare weather.",
      prompt: "Which is warmer, Paris or Oslo?",
      tools: { weather },
      budgetTracker: budget,
      maxOutputTokens: 200,
    });

    expect(run.stopReason).toBe("done");
    expect(run.text).toBe("Paris is warmer (18 °C against 11 °C).");
    expect(run.steps.map((s) => s.index)).toEqual([1, 2, 3]);
    expect(run.toolCalls.map((c) => [c.step, c.name, c.input, c.status, c.output])).toEqual([
      [1, "weather", { city: "Paris" }, "ok", { city: "Paris", tempC: 18 }],
      [2, "weather", { city: "Oslo" }, "ok", { city: "Oslo", tempC: 11 }],
    ]);
    // Every model call went through the adapter (one attempt each) with the same instructions.
    expect(mock.requests).toHaveLength(3);
    expect(mock.requests.map((r) => r.systemPrompt)).toEqual(Array(3).fill("You compare weather."));
    // The third call saw the whole conversation: calls and their results, in order.
    const third = mock.requests[2]!.messages;
    expect(third.map((m) => m.role)).toEqual(["user", "assistant", "tool", "assistant", "tool"]);
    expect(third[1]).toMatchObject({ role: "assistant", toolCalls: [{ name: "weather" }] });
    expect(third[2]).toEqual({
      role: "tool",
      toolCallId: run.toolCalls[0]!.id,
      content: JSON.stringify({ city: "Paris", tempC: 18 }),
    });
    // Usage and cost are the steps' sums, and the budget was charged exactly that.
    const sum = (f: (s: (typeof run.steps)[number]) => number) =>
      run.steps.reduce((a, s) => a + f(s), 0);
    expect(run.usage.inputTokens).toBe(sum((s) => s.usage.inputTokens));
    expect(run.usage.outputTokens).toBe(sum((s) => s.usage.outputTokens));
    expect(run.costUsd).toBeCloseTo(
      sum((s) => s.costUsd ?? 0),
      12,
    );
    expect(budget.spent).toBeCloseTo(run.costUsd!, 12);
    expect(budget.reserved).toBe(0);
  });

  it("sends metadata with every model call (the budget's settle events carry it)", async () => {
    const mock = new MockAdapter({
      steps: [{ toolCalls: [{ name: "weather", arguments: { city: "Paris" } }] }, { text: "ok" }],
    });
    const budget = new BudgetTracker({ total: 1 });
    const settled: unknown[] = [];
    budget.on("settle", (e) => {
      settled.push(e.metadata);
    });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "go",
      tools: { weather },
      budgetTracker: budget,
      metadata: { agent: "A" },
    });
    expect(mock.requests.map((r) => r.config.metadata)).toEqual([{ agent: "A" }, { agent: "A" }]);
    expect(run.steps.map((s) => s.provider)).toEqual(["mock", "mock"]);
    expect(settled).toEqual([{ agent: "A" }, { agent: "A" }]);
  });

  it("a provider error that survives core's retries is thrown as it is; nothing stays reserved", async () => {
    const mock = new MockAdapter({
      steps: [
        { toolCalls: [{ name: "weather", arguments: { city: "Paris" } }] },
        { error: new LLMAuthenticationError("bad key") },
      ],
    });
    const budget = new BudgetTracker({ total: 1 });
    await expect(
      runAgent({
        adapter: mock,
        model: "mock-small",
        prompt: "go",
        tools: { weather },
        budgetTracker: budget,
        finalAnswer: { reserveUsd: 0.1 },
      }),
    ).rejects.toThrow(LLMAuthenticationError);
    expect(budget.reserved).toBe(0);
  });

  it("passes a string tool output as it is, anything else as JSON", async () => {
    const mock = new MockAdapter({
      steps: [{ toolCalls: [{ name: "echo", arguments: { s: "plain text" } }] }, { text: "ok" }],
    });
    const echo = tool({
      description: "Echo",
      input: z.object({ s: z.string() }),
      execute: ({ s }) => s,
    });
    await runAgent({ adapter: mock, model: "mock-small", prompt: "go", tools: { echo } });
    expect(mock.requests[1]!.messages.at(-1)).toMatchObject({
      role: "tool",
      content: "plain text",
    });
  });

  it("continues a conversation given as messages", async () => {
    const mock = new MockAdapter({ steps: [{ text: "Yes." }] });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello." },
        { role: "user", content: "Still there?" },
      ],
    });
    expect(run.text).toBe("Yes.");
    expect(mock.requests[0]!.messages).toHaveLength(3);
  });

  it("stops with max-steps after maxSteps model calls; the last step's tools are not run", async () => {
    let executed = 0;
    const ping = tool({
      description: "Ping",
      input: z.object({}),
      execute: () => {
        executed++;
        return "pong";
      },
    });
    const mock = new MockAdapter({ fallback: { toolCalls: [{ name: "ping", arguments: {} }] } });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "go",
      tools: { ping },
      maxSteps: 3,
    });
    expect(run.stopReason).toBe("max-steps");
    expect(mock.requests).toHaveLength(3);
    expect(executed).toBe(2);
    expect(run.toolCalls.map((c) => c.status)).toEqual(["ok", "ok", "not-run"]);
  });

  it("calls onStep after each step, tools included", async () => {
    const seen: string[] = [];
    const mock = new MockAdapter({
      steps: [{ toolCalls: [{ name: "weather", arguments: { city: "Paris" } }] }, { text: "done" }],
    });
    await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "go",
      tools: { weather },
      onStep: (step) => seen.push(`${step.index}:${step.toolCalls.map((c) => c.status).join(",")}`),
    });
    expect(seen).toEqual(["1:ok", "2:"]);
  });
});
