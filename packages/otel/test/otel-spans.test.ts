import { tracingChannel } from "node:diagnostics_channel";
import { BudgetTracker, CALL_CHANNEL_NAME, LLMAuthenticationError } from "@llmc/core";
import { OpenAIAdapter } from "@llmc/openai";
import { type Simulator, startSimulator } from "@llmc/testing";
import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { instrumentLLMC, type LLMCInstrumentation } from "../src/index.js";

// The real OTel SDK with its in-memory exporter, a real adapter, the local simulator.
let sim: Simulator;
let exporter: InMemorySpanExporter;
let provider: TracerProvider;
let instrumentation: LLMCInstrumentation | undefined;
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(async () => {
  sim = await startSimulator();
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(async () => {
  context.disable();
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  exporter = new InMemorySpanExporter();
  provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  instrumentation = instrumentLLMC({ tracerProvider: provider });
});
afterEach(async () => {
  instrumentation?.uninstall();
  await provider.shutdown();
});

const adapter = () =>
  new OpenAIAdapter({
    apiKey: "sk-test",
    baseURL: sim.openai.baseURL,
    retryPolicy: { initialDelayMs: 1, maxDelayMs: 2 },
  });

function onlySpan(): ReadableSpan {
  const spans = exporter.getFinishedSpans();
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

describe("instrumentLLMC", () => {
  it("emits one CLIENT span per call with the GenAI request, response and usage attributes", async () => {
    sim.script("openai", {
      text: "Hi there",
      model: "gpt-4o-mini-2024-07-18",
      usage: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100, reasoningTokens: 10 },
    });
    const result = await adapter().executePrompt("Hello", {
      model: "gpt-4o-mini",
      maxOutputTokens: 200,
      temperature: 0.2,
      metadata: { agent: "A", nested: { no: 1 } },
    });
    const span = onlySpan();
    expect(span.name).toBe("chat gpt-4o-mini");
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.request.max_tokens": 200,
      "gen_ai.request.temperature": 0.2,
      "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.usage.input_tokens": 120,
      "gen_ai.usage.output_tokens": 30,
      "gen_ai.usage.cache_read.input_tokens": 100,
      "gen_ai.usage.reasoning.output_tokens": 10,
      "gen_ai.usage.cost.amount": result.costUsd,
      "gen_ai.usage.cost.currency": "USD",
      "gen_ai.usage.cost.source": "local",
      "llmc.cost.source": "price-table",
      "llmc.provider": "openai",
      "llmc.stream": false,
      "llmc.attempts": 1,
      "llmc.metadata.agent": "A",
    });
    expect(typeof span.attributes["gen_ai.response.id"]).toBe("string");
    expect(span.attributes).not.toHaveProperty("llmc.metadata.nested");
    expect(span.attributes).not.toHaveProperty("llmc.budget.path");
    expect(span.events).toEqual([]);
  });

  it("records a retried attempt as a span event on the one call span", async () => {
    sim.script("openai", { fault: "rate-limit", retryAfterMs: 5 }, { text: "ok" });
    await adapter().executePrompt("Hello", { model: "gpt-4o-mini" });
    const span = onlySpan();
    expect(span.attributes["llmc.attempts"]).toBe(2);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.events.map((e) => [e.name, e.attributes])).toEqual([
      [
        "llmc.attempt.failed",
        {
          "llmc.attempt": 1,
          "error.type": "rate_limit",
          "llmc.error.retryable": true,
          "llmc.output_started": false,
          "llmc.retry.will_retry": true,
          "llmc.retry.delay_ms": 5,
        },
      ],
    ]);
  });

  it("marks a failed call: error.type, ERROR status, the exception", async () => {
    sim.script("openai", { fault: "auth" });
    const error = await adapter()
      .executePrompt("Hello", { model: "gpt-4o-mini" })
      .catch((e: unknown) => e);
    expect(LLMAuthenticationError.isInstance(error)).toBe(true);
    const span = onlySpan();
    expect(span.attributes["error.type"]).toBe("authentication");
    expect(span.status).toMatchObject({ code: SpanStatusCode.ERROR });
    expect(span.status.message).toBe((error as Error).message);
    expect(span.events.map((e) => e.name)).toEqual(["llmc.attempt.failed", "exception"]);
    expect(span.events[0]!.attributes).toMatchObject({ "llmc.retry.will_retry": false });
    expect(span.attributes).not.toHaveProperty("gen_ai.usage.cost.amount");
    // The key never reaches telemetry.
    expect(JSON.stringify(span.events)).not.toContain("sk-test");
  });

  it("adds the budget path, the reservation and what remains to a budgeted call", async () => {
    const job = new BudgetTracker({ total: 1, name: "job-42" });
    const researcher = job.child({ total: 0.5, name: "researcher" });
    const settled: string[] = [];
    job.on("settle", (event) => settled.push(event.callId));
    sim.script("openai", { text: "done", usage: { inputTokens: 1000, outputTokens: 100 } });
    const result = await adapter().executePrompt("Hello", {
      model: "gpt-4o-mini",
      maxOutputTokens: 1000,
      budgetTracker: researcher,
    });
    const span = onlySpan();
    expect(span.attributes["llmc.budget.path"]).toEqual(["job-42", "researcher"]);
    expect(span.attributes["llmc.budget.id"]).toBe(researcher.id);
    const reserved = span.attributes["llmc.budget.reserved"] as number;
    expect(reserved).toBeGreaterThan(result.costUsd!);
    expect(span.attributes["llmc.budget.remaining"]).toBe(researcher.effectiveRemaining());
    expect(span.attributes["llmc.budget.remaining"]).toBeCloseTo(0.5 - result.costUsd!, 12);
    expect(span.attributes["gen_ai.usage.cost.amount"]).toBe(result.costUsd);
    // The ledger's rows and the span name the same call.
    expect(settled).toEqual([span.attributes["llmc.call.id"]]);
  });

  it("traces a refused budgeted call (nothing sent) as a failed span", async () => {
    const tiny = new BudgetTracker({ total: 0.000001, name: "tiny" });
    const error = await adapter()
      .executePrompt("Hello", { model: "gpt-4o-mini", maxOutputTokens: 1000, budgetTracker: tiny })
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe("budget_exceeded");
    expect(sim.requestCount("openai")).toBe(0);
    const span = onlySpan();
    expect(span.attributes).toMatchObject({
      "error.type": "budget_exceeded",
      "llmc.budget.path": ["tiny"],
    });
  });

  it("traces a stream call, its usage arriving at the end", async () => {
    sim.script("openai", { text: "one two three", usage: { inputTokens: 7, outputTokens: 3 } });
    const stream = adapter().streamPrompt("Hello", { model: "gpt-4o-mini" });
    let text = "";
    for await (const delta of stream) text += delta;
    expect(text).toBe("one two three");
    const span = onlySpan();
    expect(span.attributes).toMatchObject({
      "llmc.stream": true,
      "gen_ai.usage.input_tokens": 7,
      "gen_ai.usage.output_tokens": 3,
    });
  });

  it("nests the call span under the span active where the call was made", async () => {
    const tracer = provider.getTracer("app");
    await tracer.startActiveSpan("agent step", async (parent) => {
      await adapter().executePrompt("Hello", { model: "gpt-4o-mini" });
      parent.end();
    });
    const spans = exporter.getFinishedSpans();
    const call = spans.find((s) => s.name === "chat gpt-4o-mini")!;
    const parent = spans.find((s) => s.name === "agent step")!;
    expect(call.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(call.spanContext().traceId).toBe(parent.spanContext().traceId);
  });

  it("uses the global tracer provider when none is given, even one registered later", async () => {
    instrumentation?.uninstall();
    try {
      instrumentation = instrumentLLMC();
      trace.setGlobalTracerProvider(provider);
      await adapter().executePrompt("Hello", { model: "gpt-4o-mini" });
      expect(onlySpan().name).toBe("chat gpt-4o-mini");
    } finally {
      trace.disable();
    }
  });

  it("never breaks a call, even when the tracer throws", async () => {
    instrumentation?.uninstall();
    const broken = {
      getTracer: () => ({
        startSpan: () => {
          throw new Error("exporter misconfigured");
        },
        startActiveSpan: () => {
          throw new Error("exporter misconfigured");
        },
      }),
    };
    instrumentation = instrumentLLMC({ tracerProvider: broken });
    const result = await adapter().executePrompt("Hello", { model: "gpt-4o-mini" });
    expect(result.text).toBe("Hello from the llmc simulator.");
  });

  it("stops on uninstall, and then nothing listens on the channel any more", async () => {
    instrumentation?.uninstall();
    instrumentation?.uninstall(); // twice is harmless
    expect(tracingChannel(CALL_CHANNEL_NAME).hasSubscribers).toBe(false);
    await adapter().executePrompt("Hello", { model: "gpt-4o-mini" });
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
