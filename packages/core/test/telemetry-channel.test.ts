import { channel, tracingChannel } from "node:diagnostics_channel";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  ATTEMPT_FAILED_CHANNEL_NAME,
  type AttemptFailedEvent,
  BudgetTracker,
  CALL_CHANNEL_NAME,
  type CallTelemetryContext,
  LLMProviderError,
  LLMRateLimitError,
  type ProviderStreamPart,
} from "../src/index.js";
import { publishAttemptFailed, traceCall } from "../src/telemetry/call-telemetry.js";
import { reply, TestAdapter } from "./support/test-adapter.js";

const fast = { retryPolicy: { initialDelayMs: 1, maxDelayMs: 2 } };

/** Records every event of both channels; `stop()` unsubscribes (afterEach, even on failure). */
function listen() {
  const events: { name: string; context: CallTelemetryContext }[] = [];
  const failed: AttemptFailedEvent[] = [];
  const calls = tracingChannel<CallTelemetryContext>(CALL_CHANNEL_NAME);
  const handlers = {
    start: (context: CallTelemetryContext) => events.push({ name: "start", context }),
    end: (context: CallTelemetryContext) => events.push({ name: "end", context }),
    asyncStart: (context: CallTelemetryContext) => events.push({ name: "asyncStart", context }),
    asyncEnd: (context: CallTelemetryContext) => events.push({ name: "asyncEnd", context }),
    error: (context: CallTelemetryContext) => events.push({ name: "error", context }),
  };
  const onFailed = (event: unknown) => failed.push(event as AttemptFailedEvent);
  calls.subscribe(handlers);
  channel(ATTEMPT_FAILED_CHANNEL_NAME).subscribe(onFailed);
  const stop = () => {
    calls.unsubscribe(handlers);
    channel(ATTEMPT_FAILED_CHANNEL_NAME).unsubscribe(onFailed);
  };
  stops.push(stop);
  return { events, failed, names: () => events.map((e) => e.name) };
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** An object that throws on any read: proof that code given it did not look at it. */
const untouchable = new Proxy(
  {},
  {
    get: () => {
      throw new Error("telemetry did work with no subscriber");
    },
  },
) as Parameters<typeof traceCall>[1];

describe("call telemetry without subscribers", () => {
  it("does no channel work: the call's own promise comes back and the call is never read", async () => {
    expect(tracingChannel(CALL_CHANNEL_NAME).hasSubscribers).toBe(false);
    const result = Promise.resolve(reply("x") as never);
    expect(traceCall("test", untouchable, false, () => result)).toBe(result);
    const error = new LLMProviderError("boom", { status: 500 });
    expect(() => publishAttemptFailed(untouchable, 1, error, false, 5)).not.toThrow();
  });

  it("wraps the call once someone subscribes (so the test above would fail if it always did)", async () => {
    listen();
    const result = Promise.resolve(reply("x") as never);
    const call = {
      callId: "c",
      config: { model: "m" },
      request: { model: "m" },
      reservationNanos: 0,
    };
    const traced = traceCall("test", call as never, false, () => result);
    expect(traced).not.toBe(result);
    await traced;
    expect(() => traceCall("test", untouchable, false, () => result)).toThrow(/no subscriber/);
  });

  it("core declares and imports nothing from OpenTelemetry", () => {
    const coreDir = join(import.meta.dirname, "..");
    const pkg = readFileSync(join(coreDir, "package.json"), "utf8");
    expect(pkg).not.toContain("@opentelemetry");
    const offenders = readdirSync(join(coreDir, "src"), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .filter((file) => readFileSync(join(coreDir, "src", file), "utf8").includes("opentelemetry"));
    expect(offenders).toEqual([]);
  });
});

describe("call telemetry with a subscriber", () => {
  it("publishes start and asyncEnd with one context carrying the request, budget and result", async () => {
    const { events, names } = listen();
    const budget = new BudgetTracker({ total: 1, name: "team" });
    const adapter = new TestAdapter(async () => reply("hello", 100_000, 50_000));
    const result = await adapter.executePrompt("hi", {
      model: "test-model",
      maxOutputTokens: 50_000,
      temperature: 0.5,
      budgetTracker: budget,
      metadata: { agent: "A" },
    });
    expect(names()).toEqual(["start", "end", "asyncStart", "asyncEnd"]);
    const context = events[0]!.context;
    expect(events.every((e) => e.context === context)).toBe(true);
    expect(context.callId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context).toMatchObject({
      provider: "test",
      model: "test-model",
      stream: false,
      maxOutputTokens: 50_000,
      temperature: 0.5,
      budgetTracker: budget,
      metadata: { agent: "A" },
    });
    // Worst case: (8 + 4 overhead + 1 char-token estimate) input tokens and 50,000 output.
    expect(context.reservedUsd).toBeGreaterThan(0.1);
    expect(context.result).toBe(result);
    expect(context.error).toBeUndefined();
  });

  it("marks stream calls and carries their result", async () => {
    const { events } = listen();
    async function* parts(): AsyncIterable<ProviderStreamPart> {
      yield { type: "text-delta", text: "a" };
      yield { type: "finish", finishReason: { kind: "stop", raw: "stop" }, usage: undefined };
    }
    const adapter = new TestAdapter(async () => reply("unused"), { stream: parts });
    const stream = adapter.streamPrompt("hi", { model: "test-model" });
    const result = await stream.result;
    const context = events[0]!.context;
    expect(context.stream).toBe(true);
    expect(context.budgetTracker).toBeUndefined();
    expect(context.reservedUsd).toBeUndefined();
    expect(context.result).toBe(result);
  });

  it("publishes each failed attempt with its back-off, then the call's result", async () => {
    const { events, failed } = listen();
    let n = 0;
    const adapter = new TestAdapter(async () => {
      if (n++ === 0) throw new LLMRateLimitError("slow down", { retryAfterMs: 3 });
      return reply("ok");
    }, fast);
    const result = await adapter.executePrompt("hi", { model: "test-model" });
    expect(result.attempts).toBe(2);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempt: 1, outputStarted: false, retryDelayMs: 3 });
    expect(LLMRateLimitError.isInstance(failed[0]!.error)).toBe(true);
    expect(failed[0]!.call).toBe(events[0]!.context);
  });

  it("on a failed call: every attempt, the error event, and asyncEnd with the error", async () => {
    const { events, failed, names } = listen();
    const adapter = new TestAdapter(async () => {
      throw new LLMProviderError("overloaded", { status: 503 });
    }, fast);
    const error = await adapter
      .executePrompt("hi", { model: "test-model", maxRetries: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMProviderError);
    expect(failed.map((f) => [f.attempt, f.retryDelayMs === undefined])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(names()).toEqual(["start", "end", "error", "asyncStart", "asyncEnd"]);
    expect(events[0]!.context.error).toBe(error);
    expect(events[0]!.context.result).toBeUndefined();
  });
});
