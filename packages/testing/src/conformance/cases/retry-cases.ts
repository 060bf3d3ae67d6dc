import type { BudgetTracker } from "@llmc/core";
import { nanosToUsd } from "@llmc/core/adapter";
import { expect } from "vitest";
import type { ConformanceContext } from "../conformance-context.js";
import type { RegisterCase } from "../describe-adapter-conformance.js";

// Attempts are counted by reservations (core reserves once per attempt), not by requests: a
// CLI may send more than one HTTP request for one attempt.

/** Retry rules of contracts/core.md §1.7 and §5. */
export function registerRetryCases(context: ConformanceContext, check: RegisterCase): void {
  const budgeted = (tracker: BudgetTracker) => ({
    model: context.model,
    maxOutputTokens: 100,
    budgetTracker: tracker,
  });

  check(
    "retry-rate-limit",
    "a 429 is retried, the retry succeeds, only the answer is charged",
    async () => {
      context.sim.script(
        context.protocol,
        { fault: "rate-limit", retryAfterMs: 10 },
        { text: "ok", usage: { inputTokens: 100, outputTokens: 10 } },
      );
      const { tracker, store } = context.budget();
      const result = await context
        .adapter({ maxRetries: 2 })
        .executePrompt("Hi", budgeted(tracker));
      expect(result).toMatchObject({ text: "ok", attempts: 2 });
      expect(store.reservations.map((r) => r.chargedNanos)).toEqual([
        0,
        store.reservations[1]!.chargedNanos,
      ]);
      expect(nanosToUsd(store.reservations[1]!.chargedNanos!)).toBe(result.costUsd);
      expect(tracker.spent).toBe(result.costUsd);
      expect(tracker.reserved).toBe(0);
      expect(context.requests()).toBeGreaterThanOrEqual(2);
    },
  );

  check(
    "retry-server-error",
    "5xx errors are retried up to maxRetries, then the last error is thrown",
    async () => {
      context.sim.setDefault(context.protocol, { fault: "server-error" });
      const { tracker, store } = context.budget();
      const error = await context.rejection(
        context.adapter({ maxRetries: 2 }).executePrompt("Hi", budgeted(tracker)),
      );
      expect(error).toMatchObject({ name: "LLMProviderError", retryable: true });
      expect(store.reservations).toHaveLength(3);
      expect(tracker.spent).toBe(0);
      expect(tracker.reserved).toBe(0);
    },
  );

  check(
    "no-retry-non-retryable",
    "auth, context-length and model-not-found errors are never retried",
    async () => {
      for (const fault of ["auth", "context-length", "model-not-found"] as const) {
        context.sim.reset();
        context.sim.setDefault(context.protocol, { fault });
        const { tracker, store } = context.budget();
        const error = await context.rejection(
          context.adapter({ maxRetries: 3 }).executePrompt("Hi", budgeted(tracker)),
        );
        expect(error.retryable, fault).toBe(false);
        expect(store.reservations, fault).toHaveLength(1);
      }
    },
  );

  check(
    "no-retry-after-output",
    "a retryable failure after stream output began is never retried",
    async () => {
      context.sim.setDefault(context.protocol, {
        fault: "cut-stream",
        afterChunks: 1,
        reply: { chunks: ["one ", "two "] },
      });
      const { tracker, store } = context.budget();
      const stream = context.adapter({ maxRetries: 3 }).streamPrompt("Hi", budgeted(tracker));
      const { deltas, error } = await context.drain(stream);
      expect(deltas).toEqual(["one "]);
      expect(error).toBeDefined();
      expect(store.reservations).toHaveLength(1);
    },
  );
}
