import { expect } from "vitest";
import type { ConformanceContext } from "../conformance-context.js";
import type { RegisterCase } from "../describe-adapter-conformance.js";

/** What core refuses before the provider hook runs: nothing may reach the simulator. */
export function registerRefusalCases(context: ConformanceContext, check: RegisterCase): void {
  check(
    "refusal-budget-too-small",
    "a call whose worst case does not fit → LLMBudgetExceededError, and no request is sent",
    async () => {
      const { tracker, store } = context.budget(0.000001);
      for (const mode of ["executePrompt", "streamPrompt"] as const) {
        const config = { model: context.model, maxOutputTokens: 1000, budgetTracker: tracker };
        const adapter = context.adapter({ maxRetries: 2 });
        const error = await context.rejection(
          mode === "executePrompt"
            ? adapter.executePrompt("Hi", config)
            : adapter.streamPrompt("Hi", config).result,
        );
        expect(error, mode).toMatchObject({
          name: "LLMBudgetExceededError",
          code: "budget_exceeded",
          retryable: false,
          limit: 0.000001,
        });
        expect((error as unknown as { requested: number }).requested).toBeGreaterThan(0.000001);
      }
      expect(context.sim.requestCount()).toBe(0);
      expect(store.reservations).toEqual([]);
      expect(tracker.spent).toBe(0);
    },
  );

  check(
    "refusal-unpriced-budgeted",
    "a budgeted call to a model with no price fails closed: LLMConfigError, no request",
    async () => {
      const { tracker } = context.budget();
      const error = await context.rejection(
        context.adapter().executePrompt("Hi", {
          model: context.unpricedModel,
          maxOutputTokens: 100,
          budgetTracker: tracker,
        }),
      );
      expect(error).toMatchObject({ name: "LLMConfigError", code: "config" });
      expect(error.message).toContain(context.unpricedModel);
      expect(context.sim.requestCount()).toBe(0);
    },
  );

  check(
    "refusal-aborted-signal",
    "an already aborted signal → LLMAbortError, and no request is sent",
    async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await context.rejection(
        context.adapter().executePrompt("Hi", { model: context.model, signal: controller.signal }),
      );
      expect(error).toMatchObject({ name: "LLMAbortError", code: "aborted" });
      expect(context.sim.requestCount()).toBe(0);
    },
  );
}
