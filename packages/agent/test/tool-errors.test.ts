import { BudgetTracker, tool } from "@llmc/core";
import { MockAdapter } from "@llmc/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAgent } from "../src/index.js";

const lookup = tool({
  description: "Look up an order",
  input: z.object({ orderId: z.number().int() }),
  execute: ({ orderId }) => {
    if (orderId < 0) throw new Error(`order ${orderId} does not exist`);
    return { orderId, status: "shipped" };
  },
});

const base = { model: "mock-small", prompt: "Where is my order?", tools: { lookup } } as const;

describe("runAgent: tool errors go back to the model", () => {
  it("input failing the tool's schema is not run: core feeds it back (a budgeted repair), the model tries again", async () => {
    const mock = new MockAdapter({
      steps: [
        { toolCalls: [{ name: "lookup", arguments: { orderId: "forty-two" } }] },
        { toolCalls: [{ name: "lookup", arguments: { orderId: 42 } }] },
        { text: "Shipped." },
      ],
    });
    const budget = new BudgetTracker({ total: 1 });
    const run = await runAgent({ ...base, adapter: mock, budgetTracker: budget });
    expect(run.stopReason).toBe("done");
    expect(run.text).toBe("Shipped.");
    const feedback = mock.requests[1]!.messages.at(-1)!;
    expect(feedback.role).toBe("user");
    expect(feedback.content).toMatch(
      /^That was invalid: .*tool "lookup" do not match its input schema/,
    );
    expect(run.steps[0]!.repairs).toBe(1);
    expect(run.toolCalls.map((c) => c.status)).toEqual(["ok"]);
    // The repair was a budgeted call, and its cost is in the run's.
    expect(mock.requests).toHaveLength(3);
    expect(budget.spent).toBeCloseTo(run.costUsd!, 12);
  });

  it("once core's repairs (3 per call) are used up, the run tells the model itself and goes on", async () => {
    const bad = { toolCalls: [{ name: "lookup", arguments: { orderId: "x" } }] };
    const mock = new MockAdapter({
      steps: [
        bad,
        bad,
        bad,
        bad,
        { toolCalls: [{ name: "lookup", arguments: { orderId: 7 } }] },
        { text: "Shipped." },
      ],
    });
    const run = await runAgent({ ...base, adapter: mock, maxToolErrors: 5 });
    expect(run.stopReason).toBe("done");
    expect(mock.requests).toHaveLength(6);
    const told = mock.requests[4]!.messages.at(-1)!;
    expect(told).toMatchObject({ role: "user" });
    expect(told.content).toMatch(
      /^Your call of the tool `lookup` was not run: its input does not match/,
    );
  });

  it("more schema failures than maxToolErrors stop the run with 'tool-error'", async () => {
    const mock = new MockAdapter({
      fallback: { toolCalls: [{ name: "lookup", arguments: { orderId: "x" } }] },
    });
    const budget = new BudgetTracker({ total: 1 });
    const run = await runAgent({ ...base, adapter: mock, maxToolErrors: 2, budgetTracker: budget });
    expect(run.stopReason).toBe("tool-error");
    expect(mock.requests).toHaveLength(3);
    expect(budget.reserved).toBe(0);
  });

  it("execute throwing is a tool error message, not a crash", async () => {
    const mock = new MockAdapter({
      steps: [
        { toolCalls: [{ name: "lookup", arguments: { orderId: -1 } }] },
        { text: "No such order." },
      ],
    });
    const run = await runAgent({ ...base, adapter: mock });
    expect(run.stopReason).toBe("done");
    expect(run.toolCalls[0]).toMatchObject({ status: "error", error: "order -1 does not exist" });
    expect(mock.requests[1]!.messages.at(-1)).toEqual({
      role: "tool",
      toolCallId: run.toolCalls[0]!.id,
      content: JSON.stringify({ error: "order -1 does not exist" }),
    });
  });

  it("throwing tools count against maxToolErrors too", async () => {
    const mock = new MockAdapter({
      fallback: { toolCalls: [{ name: "lookup", arguments: { orderId: -1 } }] },
    });
    const run = await runAgent({ ...base, adapter: mock, maxToolErrors: 0, maxSteps: 10 });
    expect(run.stopReason).toBe("tool-error");
    expect(mock.requests).toHaveLength(1);
  });

  it("onToolError: 'stop' ends the run at the first throwing tool", async () => {
    const mock = new MockAdapter({
      steps: [
        { toolCalls: [{ name: "lookup", arguments: { orderId: -1 } }] },
        { text: "never asked" },
      ],
    });
    const run = await runAgent({ ...base, adapter: mock, onToolError: "stop" });
    expect(run.stopReason).toBe("tool-error");
    expect(mock.requests).toHaveLength(1);
    expect(run.toolCalls[0]!.status).toBe("error");
  });

  it("an error message with a registered secret reaches the model redacted", async () => {
    const leaky = tool({
      description: "Leaks",
      input: z.object({}),
      execute: () => {
        throw new Error("401 for key sk-live-abcdefghijklmnopqrstuvwx");
      },
    });
    const mock = new MockAdapter({
      steps: [{ toolCalls: [{ name: "leaky", arguments: {} }] }, { text: "ok" }],
    });
    const run = await runAgent({
      adapter: mock,
      model: "mock-small",
      prompt: "go",
      tools: { leaky },
    });
    expect(run.toolCalls[0]!.error).not.toContain("abcdefghijklmnop");
    expect(mock.requests[1]!.messages.at(-1)!.content).not.toContain("abcdefghijklmnop");
  });
});
