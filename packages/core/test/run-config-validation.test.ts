import { describe, expect, it } from "vitest";
import { BudgetTracker, LLMConfigError } from "../src/index.js";
import { reply, TestAdapter } from "./support/test-adapter.js";

const adapter = new TestAdapter(async () => reply("ok"));

async function configError(prompt: unknown, config: unknown): Promise<LLMConfigError> {
  const error = await adapter
    .executePrompt(prompt as string, config as { model: string })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LLMConfigError);
  return error as LLMConfigError;
}

describe("RunConfig validation", () => {
  it.each([
    ["model", {}, /`model`/],
    ["model", { model: "" }, /must name a model/],
    ["systemPrompt", { model: "m", systemPrompt: 42 }, /expected string/],
    ["maxOutputTokens", { model: "m", maxOutputTokens: 0 }, /`maxOutputTokens`.*>0/],
    ["maxOutputTokens", { model: "m", maxOutputTokens: 1.5 }, /`maxOutputTokens`.*int/],
    ["temperature", { model: "m", temperature: 3 }, /`temperature`.*<=2/],
    ["timeoutMs", { model: "m", timeoutMs: -1 }, /`timeoutMs`/],
    ["signal", { model: "m", signal: "stop" }, /must be an AbortSignal/],
    ["maxRetries", { model: "m", maxRetries: 11 }, /`maxRetries`/],
    ["budgetTracker", { model: "m", budgetTracker: { total: 1 } }, /must be a BudgetTracker/],
    ["metadata", { model: "m", metadata: "x" }, /`metadata`/],
  ])("rejects a bad %s, naming it", async (field, config, message) => {
    const error = await configError("hi", config);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it("rejects unknown keys and suggests the field people usually mean", async () => {
    const error = await configError("hi", { model: "m", maxTokens: 10 });
    expect(error.field).toBe("maxTokens");
    expect(error.message).toBe(
      "Unknown config option `maxTokens`. Did you mean `maxOutputTokens`?",
    );
  });

  it.each([
    ["an empty string", ""],
    ["an empty list", []],
    ["a message with an unknown role", [{ role: "tool", content: "x" }]],
    ["a number", 7],
  ])("rejects %s as a prompt", async (_what, prompt) => {
    expect((await configError(prompt, { model: "m" })).field).toMatch(/^prompt/);
  });

  it("accepts every field at once and passes them to the provider hook", async () => {
    const hooked = new TestAdapter(async () => reply("ok"));
    const budget = new BudgetTracker({ total: 1 });
    const controller = new AbortController();
    const result = await hooked.executePrompt([{ role: "user", content: "hi" }], {
      model: "test-model",
      systemPrompt: "be brief",
      maxOutputTokens: 10,
      temperature: 0.2,
      timeoutMs: 1_000,
      signal: controller.signal,
      maxRetries: 0,
      budgetTracker: budget,
      metadata: { agent: "B" },
    });
    expect(hooked.requests[0]).toMatchObject({
      model: "test-model",
      systemPrompt: "be brief",
      maxOutputTokens: 10,
      temperature: 0.2,
      messages: [{ role: "user", content: "hi" }],
    });
    expect(result.providerMetadata).toEqual({ metadata: { agent: "B" } });
  });

  it("fails closed: a budgeted call to a model with no known price is refused before the provider runs", async () => {
    const hooked = new TestAdapter(async () => reply("ok"));
    const error = await hooked
      .executePrompt("hi", {
        model: "mystery-model",
        maxOutputTokens: 10,
        budgetTracker: new BudgetTracker({ total: 1 }),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as Error).message).toMatch(/No price is known.*mystery-model.*prices/);
    expect(hooked.requests).toHaveLength(0);
  });

  it("reports cost as unknown, never 0, for an unpriced model without a budget", async () => {
    const result = await adapter.executePrompt("hi", { model: "mystery-model" });
    expect(result).toMatchObject({ costUsd: undefined, costSource: "unknown" });
  });

  it("sends the model's own output ceiling when a budgeted call sets no maxOutputTokens", async () => {
    const hooked = new TestAdapter(async () => reply("ok"));
    await hooked.executePrompt("hi", {
      model: "test-model",
      budgetTracker: new BudgetTracker({ total: 1 }),
    });
    expect(hooked.requests[0]!.maxOutputTokens).toBe(1_000);
  });

  it("uses the adapter's price overrides before its table", async () => {
    const priced = new TestAdapter(async () => reply("ok", 1_000_000, 0), {
      prices: { "custom-model": { inputPerMTok: 3, outputPerMTok: 4, maxOutputTokens: 10 } },
    });
    const result = await priced.executePrompt("hi", {
      model: "custom-model",
      budgetTracker: new BudgetTracker({ total: 1 }),
    });
    expect(result).toMatchObject({ costUsd: 3, costSource: "price-table" });
  });
});

describe("the did-you-mean hint", () => {
  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    "reads no Object.prototype member for an unknown key %s",
    async (key) => {
      const config = JSON.parse(`{"model":"m","${key}":1}`);
      const error = await configError("hi", config);
      expect(error.message).toBe(`Unknown config option \`${key}\`.`);
    },
  );
});
