import type { BudgetTracker } from "@llmc/core";
import { nanosToUsd } from "@llmc/core/adapter";
import { expect } from "vitest";
import type { ConformanceContext } from "../conformance-context.js";
import type { RegisterCase } from "../describe-adapter-conformance.js";
import type { RecordingBudgetStore } from "../recording-budget-store.js";
import { USAGE_FREE_TEXT, usageFreeReply } from "../usage-free-reply.js";

/** The one reservation of a single-attempt call, and the settle it got. */
function onlyAttempt(store: RecordingBudgetStore) {
  expect(store.reservations, "expected exactly one attempt (one reservation)").toHaveLength(1);
  const attempt = store.reservations[0]!;
  expect(attempt.chargedNanos, "the attempt was never settled").toBeDefined();
  return { reserved: attempt.reservedNanos, charged: attempt.chargedNanos! };
}

/** The settlement table of contracts/core.md §3, one row per case. */
export function registerSettlementCases(context: ConformanceContext, check: RegisterCase): void {
  const budgeted = (tracker: BudgetTracker) => ({
    model: context.model,
    maxOutputTokens: 200,
    budgetTracker: tracker,
  });
  const unanswered = () => context.options.unansweredCallSettles ?? "released";

  check(
    "settle-failure-before-output",
    "a provider error before any output releases the reservation (charged $0)",
    async () => {
      context.sim.script(context.protocol, { fault: "server-error" });
      const { tracker, store } = context.budget();
      await context.rejection(context.adapter().executePrompt("Hi", budgeted(tracker)));
      expect(onlyAttempt(store).charged).toBe(0);
      expect(tracker.spent).toBe(0);
      expect(tracker.reserved).toBe(0);
    },
  );

  check(
    "settle-failure-after-output",
    "a stream cut after output began fails, is not retried, and is charged its reservation",
    async () => {
      context.sim.script(context.protocol, {
        fault: "cut-stream",
        afterChunks: 2,
        reply: { chunks: ["one ", "two ", "three"] },
      });
      const { tracker, store } = context.budget();
      const stream = context.adapter({ maxRetries: 2 }).streamPrompt("Count", budgeted(tracker));
      const { deltas, error } = await context.drain(stream);
      expect(deltas).toEqual(["one ", "two "]);
      expect(error).toBeDefined();
      await expect(stream.result).rejects.toBe(error);
      const { reserved, charged } = onlyAttempt(store);
      expect(charged).toBe(reserved);
      expect(tracker.spent).toBe(nanosToUsd(reserved));
      expect(tracker.reserved).toBe(0);
    },
  );

  check(
    "settle-midstream-error",
    "an in-band error after output began fails, is not retried, and is charged (its usage or the reservation)",
    async () => {
      context.sim.script(context.protocol, {
        fault: "midstream-error",
        afterChunks: 1,
        usage: { inputTokens: 100, outputTokens: 10 },
        reply: { chunks: ["one ", "two "] },
      });
      const { tracker, store } = context.budget();
      const stream = context.adapter({ maxRetries: 2 }).streamPrompt("Count", budgeted(tracker));
      const { deltas, error } = await context.drain(stream);
      expect(deltas).toEqual(["one "]);
      expect(error).toBeDefined();
      const { reserved, charged } = onlyAttempt(store);
      expect(charged).toBeGreaterThan(0);
      expect(charged).toBeLessThanOrEqual(reserved);
      expect(tracker.reserved).toBe(0);
    },
  );

  check(
    "settle-cut-before-output",
    "a stream accepted and then cut before any text is retried; the cut attempt is charged its reservation",
    async () => {
      context.sim.script(
        context.protocol,
        { fault: "cut-stream", afterChunks: 0 },
        { chunks: ["fine"], usage: { inputTokens: 10, outputTokens: 1 } },
      );
      const { tracker, store } = context.budget();
      const result = await context.adapter({ maxRetries: 1 }).streamPrompt("Hi", budgeted(tracker))
        .result;
      expect(result.text).toBe("fine");
      expect(result.attempts).toBe(2);
      expect(store.reservations).toHaveLength(2);
      const [cut, answered] = store.reservations;
      // The provider accepted the first attempt (HTTP 200), so it may have billed it.
      expect(cut!.chargedNanos).toBe(cut!.reservedNanos);
      expect(nanosToUsd(answered!.chargedNanos!)).toBe(result.costUsd);
      expect(tracker.reserved).toBe(0);
    },
  );

  check(
    "settle-abort-before-output",
    "the caller's abort while the request is in flight → LLMAbortError, settled as an unanswered call",
    async () => {
      context.sim.script(context.protocol, { fault: "hang" });
      const { tracker, store } = context.budget();
      const controller = new AbortController();
      const call = context
        .adapter()
        .executePrompt("Hi", { ...budgeted(tracker), signal: controller.signal });
      const settled = context.rejection(call);
      await context.eventually(() => context.requests() >= 1, "the request to arrive");
      controller.abort();
      const error = await settled;
      expect(error).toMatchObject({ name: "LLMAbortError", code: "aborted", retryable: false });
      const { reserved, charged } = onlyAttempt(store);
      expect(charged).toBe(unanswered() === "released" ? 0 : reserved);
      expect(tracker.reserved).toBe(0);
    },
  );

  check(
    "settle-abort-after-output",
    "the caller's abort mid-stream → LLMAbortError from the loop and result, charged its reservation",
    async () => {
      context.sim.script(context.protocol, {
        fault: "stall-stream",
        afterChunks: 1,
        reply: { chunks: ["first ", "never sent"] },
      });
      const { tracker, store } = context.budget();
      const controller = new AbortController();
      const stream = context
        .adapter()
        .streamPrompt("Hi", { ...budgeted(tracker), signal: controller.signal });
      const deltas: string[] = [];
      const error = await context.rejection(
        (async () => {
          for await (const delta of stream) {
            deltas.push(delta);
            controller.abort();
          }
        })(),
      );
      expect(deltas).toEqual(["first "]);
      expect(error).toMatchObject({ name: "LLMAbortError", code: "aborted" });
      await expect(stream.result).rejects.toMatchObject({ name: "LLMAbortError" });
      const { reserved, charged } = onlyAttempt(store);
      expect(charged).toBe(reserved);
      expect(tracker.reserved).toBe(0);
      expect(context.requests()).toBe(1);
    },
  );

  check(
    "settle-stream-cancelled",
    "leaving the loop early cancels the request: result rejects with LLMAbortError, charged its reservation",
    async () => {
      context.sim.script(context.protocol, {
        fault: "stall-stream",
        afterChunks: 1,
        reply: { chunks: ["first ", "never sent"] },
      });
      const { tracker, store } = context.budget();
      const stream = context.adapter().streamPrompt("Hi", budgeted(tracker));
      for await (const _delta of stream) break;
      const error = await context.rejection(stream.result);
      expect(error).toMatchObject({ name: "LLMAbortError", code: "aborted" });
      const { reserved, charged } = onlyAttempt(store);
      expect(charged).toBe(reserved);
      expect(tracker.reserved).toBe(0);
    },
  );

  check(
    "settle-timeout",
    "a server that never answers hits timeoutMs: LLMTimeoutError, not retried, settled as an unanswered call",
    async () => {
      context.sim.setDefault(context.protocol, { fault: "hang" });
      const deadlineMs = context.options.deadlineMs ?? 2_000;
      const { tracker, store } = context.budget();
      const error = await context.rejection(
        context
          .adapter({ maxRetries: 2 })
          .executePrompt("Hi", { ...budgeted(tracker), timeoutMs: deadlineMs }),
      );
      expect(error).toMatchObject({
        name: "LLMTimeoutError",
        code: "timeout",
        timeoutMs: deadlineMs,
        retryable: false,
      });
      const { reserved, charged } = onlyAttempt(store);
      expect(charged).toBe(unanswered() === "released" ? 0 : reserved);
      expect(tracker.reserved).toBe(0);
    },
  );

  check(
    "settle-timeout-after-output",
    "a stream that stalls after output hits timeoutMs: LLMTimeoutError from the loop, charged its reservation",
    async () => {
      context.sim.setDefault(context.protocol, {
        fault: "stall-stream",
        afterChunks: 1,
        reply: { chunks: ["first ", "never sent"] },
      });
      const deadlineMs = context.options.deadlineMs ?? 2_000;
      const { tracker, store } = context.budget();
      const stream = context
        .adapter({ maxRetries: 2 })
        .streamPrompt("Hi", { ...budgeted(tracker), timeoutMs: deadlineMs });
      const { deltas, error } = await context.drain(stream);
      expect(deltas).toEqual(["first "]);
      expect(error).toMatchObject({ name: "LLMTimeoutError", timeoutMs: deadlineMs });
      const { reserved, charged } = onlyAttempt(store);
      expect(charged).toBe(reserved);
      expect(tracker.reserved).toBe(0);
    },
  );

  check(
    "settle-billed-without-usage",
    "an answer with no usage and no bill is charged its reservation (costSource reservation), streamed or not",
    async () => {
      for (const stream of [false, true]) {
        const step = usageFreeReply(context.protocol, context.model, stream);
        expect(step, `no usage-free reply for ${context.protocol}`).toBeDefined();
        context.sim.script(context.protocol, step!);
        const { tracker, store } = context.budget();
        const adapter = context.adapter();
        const result = stream
          ? await adapter.streamPrompt("Hi", budgeted(tracker)).result
          : await adapter.executePrompt("Hi", budgeted(tracker));
        expect(result.text).toBe(USAGE_FREE_TEXT);
        expect(result.costSource, stream ? "streamed" : "not streamed").toBe("reservation");
        const { reserved, charged } = onlyAttempt(store);
        expect(charged).toBe(reserved);
        expect(result.costUsd).toBe(nanosToUsd(reserved));
        expect(tracker.spent).toBe(result.costUsd);
        expect(tracker.reserved).toBe(0);
      }
    },
  );
}
