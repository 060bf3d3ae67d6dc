import { costOfUsage, nanosToUsd, usdToNanos } from "@llmc/core/adapter";
import { expect } from "vitest";
import type { ConformanceContext } from "../conformance-context.js";
import type { RegisterCase } from "../describe-adapter-conformance.js";

const TEXT = "Usage is mapped field by field.";

/** Usage mapping, cost and `costSource`, and the streamed `result` (contracts/core.md §2). */
export function registerUsageCases(context: ConformanceContext, check: RegisterCase): void {
  check("usage", "scripted usage arrives as inputTokens/outputTokens/totalTokens", async () => {
    context.sim.script(context.protocol, {
      text: TEXT,
      usage: { inputTokens: 1000, outputTokens: 200 },
    });
    const result = await context
      .adapter()
      .executePrompt("Say something.", { model: context.model });
    expect(result).toMatchObject({
      text: TEXT,
      provider: context.provider,
      finishReason: { kind: "stop" },
      usage: { inputTokens: 1000, outputTokens: 200, totalTokens: 1200 },
      attempts: 1,
    });
    expect(typeof result.model).toBe("string");
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  check("usage-cached-input", "cached input tokens are part of inputTokens", async () => {
    context.sim.script(context.protocol, {
      text: TEXT,
      usage: { inputTokens: 1000, cachedInputTokens: 400, outputTokens: 200 },
    });
    const result = await context
      .adapter()
      .executePrompt("Say something.", { model: context.model });
    expect(result.usage).toMatchObject({
      inputTokens: 1000,
      cachedInputTokens: 400,
      outputTokens: 200,
      totalTokens: 1200,
    });
  });

  check("usage-reasoning", "reasoning tokens are part of outputTokens", async () => {
    context.sim.script(context.protocol, {
      text: TEXT,
      usage: { inputTokens: 1000, outputTokens: 300, reasoningTokens: 100 },
    });
    const result = await context
      .adapter()
      .executePrompt("Say something.", { model: context.model });
    expect(result.usage).toMatchObject({
      inputTokens: 1000,
      outputTokens: 300,
      reasoningTokens: 100,
      totalTokens: 1300,
    });
  });

  check("cost", "a budgeted call is charged its cost once, with its costSource", async () => {
    context.sim.script(context.protocol, {
      text: TEXT,
      usage: { inputTokens: 1000, outputTokens: 200 },
    });
    const adapter = context.adapter();
    const { tracker, store } = context.budget();
    const result = await adapter.executePrompt("Say something.", {
      model: context.model,
      maxOutputTokens: 500,
      budgetTracker: tracker,
    });
    const source = context.options.costSource ?? "price-table";
    expect(result.costSource).toBe(source);
    expect(result.costUsd).toBeGreaterThan(0);
    if (source === "price-table") {
      const price = adapter.priceFor(context.model);
      expect(price, `the adapter has no price for ${context.model}`).toBeDefined();
      expect(result.costUsd).toBe(nanosToUsd(costOfUsage(result.usage, price!)));
    }
    // One reservation, settled at the cost, nothing left held.
    expect(store.reservations).toHaveLength(1);
    expect(store.reservations[0]!.chargedNanos).toBe(usdToNanos(result.costUsd!));
    if (source === "price-table") {
      // The worst case holds for a table price; a provider's bill is charged even above it.
      expect(store.reservations[0]!.chargedNanos).toBeLessThanOrEqual(
        store.reservations[0]!.reservedNanos,
      );
    }
    expect(tracker.spent).toBe(result.costUsd);
    expect(tracker.reserved).toBe(0);
  });

  check(
    "cost-unpriced-unbudgeted",
    "an unpriced model without a budget runs; its cost is unknown (undefined, never 0) unless the provider bills",
    async () => {
      const result = await context
        .adapter()
        .executePrompt("Say something.", { model: context.unpricedModel });
      if ((context.options.costSource ?? "price-table") === "price-table") {
        expect(result.costSource).toBe("unknown");
        expect(result.costUsd).toBeUndefined();
      } else {
        expect(result.costSource).toBe("provider");
        expect(typeof result.costUsd).toBe("number");
      }
    },
  );

  check(
    "stream-result",
    "a stream yields the deltas; result has text, usage and cost",
    async () => {
      const chunks = ["Streamed ", "in ", "three deltas."];
      context.sim.script(context.protocol, {
        chunks,
        usage: { inputTokens: 1000, outputTokens: 200 },
      });
      const { tracker, store } = context.budget();
      const stream = context.adapter().streamPrompt("Stream something.", {
        model: context.model,
        maxOutputTokens: 500,
        budgetTracker: tracker,
      });
      const { deltas, error } = await context.drain(stream);
      expect(error).toBeUndefined();
      expect(deltas).toEqual(chunks);
      const result = await stream.result;
      expect(result).toMatchObject({
        text: chunks.join(""),
        provider: context.provider,
        finishReason: { kind: "stop" },
        usage: { inputTokens: 1000, outputTokens: 200, totalTokens: 1200 },
        costSource: context.options.costSource ?? "price-table",
        attempts: 1,
      });
      expect(store.reservations).toHaveLength(1);
      expect(tracker.spent).toBe(result.costUsd);
      expect(tracker.reserved).toBe(0);
    },
  );
}
