import {
  BudgetTracker,
  LLMAbortError,
  LLMTimeoutError,
  nanosToUsd,
  worstCaseCost,
} from "@llmc/core";
import { describe, expect, it } from "vitest";
import { GEMINI_PRICES } from "../src/index.js";
import { rejectionOf, useGeminiSimulator } from "./support/gemini-harness.js";

const h = useGeminiSimulator();
const model = "gemini-2.5-flash";
const flash = GEMINI_PRICES.models[model]!;

describe("abort and timeout reach the SDK request", () => {
  it("aborting while Gemini has not answered → LLMAbortError, reservation released", async () => {
    const controller = new AbortController();
    h.sim.script("gemini", () => {
      controller.abort();
      return { fault: "hang" };
    });
    const budget = new BudgetTracker({ total: 1 });
    const error = await rejectionOf(
      h.adapter.executePrompt("Hi", {
        model,
        maxOutputTokens: 100,
        signal: controller.signal,
        budgetTracker: budget,
      }),
    );
    expect(error).toBeInstanceOf(LLMAbortError);
    expect(h.sim.requestCount("gemini")).toBe(1);
    expect(budget.spent).toBe(0);
    expect(budget.reserved).toBe(0);
  });

  it("an already-aborted signal sends nothing", async () => {
    const error = await rejectionOf(
      h.adapter.executePrompt("Hi", { model, signal: AbortSignal.abort() }),
    );
    expect(error).toBeInstanceOf(LLMAbortError);
    expect(h.sim.requestCount()).toBe(0);
  });

  // Deadlines here are long enough for the first call to load the SDK and send its request on a
  // loaded machine (a 50 ms one expired before the request left, and the late request then
  // consumed the next test's step); the simulator's hang/stall makes them expire regardless.
  it("a hung request ends at timeoutMs with LLMTimeoutError, not retried", async () => {
    h.sim.script("gemini", { fault: "hang" });
    const error = await rejectionOf(h.adapter.executePrompt("Hi", { model, timeoutMs: 1_500 }));
    expect(error).toBeInstanceOf(LLMTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 1_500, provider: "gemini" });
    expect(h.sim.requestCount("gemini")).toBe(1);
  });

  it("a stream that stalls after text times out and is charged its reservation", async () => {
    h.sim.script("gemini", {
      fault: "stall-stream",
      afterChunks: 1,
      reply: { chunks: ["first ", "never"] },
    });
    const budget = new BudgetTracker({ total: 1 });
    const stream = h.adapter.streamPrompt("Hi", {
      model,
      maxOutputTokens: 100,
      thinkingBudget: 0,
      timeoutMs: 1_500,
      budgetTracker: budget,
    });
    const deltas: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const delta of stream) deltas.push(delta);
      })(),
    );
    expect(deltas).toEqual(["first "]);
    expect(error).toBeInstanceOf(LLMTimeoutError);
    expect(budget.spent).toBe(nanosToUsd(worstCaseCost(16 + 2 + 8, 100, flash)));
    expect(budget.reserved).toBe(0);
  });

  it("leaving the loop early cancels the stream: result rejects with LLMAbortError", async () => {
    h.sim.script("gemini", {
      fault: "stall-stream",
      afterChunks: 1,
      reply: { chunks: ["only ", "this"] },
    });
    const stream = h.adapter.streamPrompt("Hi", { model });
    for await (const delta of stream) {
      expect(delta).toBe("only ");
      break;
    }
    await expect(stream.result).rejects.toBeInstanceOf(LLMAbortError);
  });
});
