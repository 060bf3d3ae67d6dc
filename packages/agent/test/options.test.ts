import { BudgetTracker, LLMConfigError, tool } from "@llmc/core";
import { MockAdapter } from "@llmc/testing";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type AgentOptions, runAgent } from "../src/index.js";

const mock = new MockAdapter();
const base = { adapter: mock, model: "mock-small", prompt: "hi" };

async function configError(options: unknown): Promise<LLMConfigError> {
  const error = await runAgent(options as AgentOptions).catch((e: unknown) => e);
  expect(LLMConfigError.isInstance(error)).toBe(true);
  return error as LLMConfigError;
}

describe("runAgent: options are checked before any call", () => {
  it("callOptions reach every model call, where the adapter checks them", async () => {
    const adapter = new MockAdapter({ steps: [{ text: "ok" }] });
    const error = await runAgent({ ...base, adapter, callOptions: { thinkingBudget: 0 } }).catch(
      (e) => e,
    );
    // MockAdapter has no such option: core refuses it, naming it, before any request.
    expect(LLMConfigError.isInstance(error)).toBe(true);
    expect(error.field).toBe("thinkingBudget");
    expect(adapter.requests).toHaveLength(0);
  });

  it("an unknown option is refused, with the name other libraries use mapped to ours", async () => {
    const error = await configError({ ...base, maxTurns: 5 });
    expect(error.message).toBe("Unknown runAgent option `maxTurns`. Did you mean `maxSteps`?");
    expect(error.field).toBe("maxTurns");
    expect((await configError({ ...base, systemPrompt: "x" })).message).toMatch(/`instructions`/);
    expect((await configError({ ...base, constructor: 1 })).message).toBe(
      "Unknown runAgent option `constructor`.",
    );
  });

  it.each([
    [{ ...base, adapter: {} }, "adapter"],
    [{ ...base, model: "" }, "model"],
    [{ ...base, prompt: "" }, "prompt"],
    [{ ...base, maxSteps: 0 }, "maxSteps"],
    [{ ...base, maxSteps: 1.5 }, "maxSteps"],
    [{ ...base, timeoutMs: -1 }, "timeoutMs"],
    [{ ...base, maxToolErrors: -1 }, "maxToolErrors"],
    [{ ...base, onToolError: "ignore" }, "onToolError"],
    [{ ...base, fitOutput: { minOutputTokens: 0 } }, "fitOutput"],
    [
      { ...base, finalAnswer: { reserveUsd: 0 }, budgetTracker: new BudgetTracker({ total: 1 }) },
      "finalAnswer.reserveUsd",
    ],
    [{ ...base, finalAnswer: { reserveUsd: 0.1 } }, "finalAnswer"],
    [{ ...base, discloseBudget: true }, "discloseBudget"],
    [{ ...base, callOptions: { tools: {} } }, "callOptions.tools"],
    [
      { ...base, tools: { t: tool({ description: "no execute", input: z.object({}) }) } },
      "tools.t",
    ],
  ])("%o → field %s", async (options, field) => {
    expect((await configError(options)).field).toBe(field);
    expect(mock.requests).toHaveLength(0);
  });
});
