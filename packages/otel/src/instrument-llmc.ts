import { channel, tracingChannel } from "node:diagnostics_channel";
import {
  ATTEMPT_FAILED_CHANNEL_NAME,
  type AttemptFailedEvent,
  CALL_CHANNEL_NAME,
  type CallTelemetryContext,
} from "@llmc/core";
import {
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TracerProvider,
  trace,
} from "@opentelemetry/api";
import {
  budgetAfterAttributes,
  errorType,
  requestAttributes,
  resultAttributes,
  usageAttributes,
} from "./call-attributes.js";

export interface InstrumentLLMCOptions {
  /** Where spans go; the global tracer provider (`trace.getTracerProvider()`) by default. */
  readonly tracerProvider?: TracerProvider;
}

export interface LLMCInstrumentation {
  /** Stops emitting spans (calls in flight end without theirs). Safe to call twice. */
  uninstall(): void;
}

const TRACER_NAME = "@llmc/otel";
const ignore = () => {};

/**
 * Emits one OpenTelemetry span per llm-connect call (`executePrompt`, `streamPrompt`) of every
 * adapter in the process, from the moment it is called: `chat <model>`, kind CLIENT, a child of
 * the span active where the call was made. Failed attempts are span events (`llmc.attempt.failed`,
 * with the back-off when retried). Nothing is measured while no instrumentation is installed.
 */
export function instrumentLLMC(options: InstrumentLLMCOptions = {}): LLMCInstrumentation {
  const provider = options.tracerProvider ?? trace.getTracerProvider();
  const tracer = provider.getTracer(TRACER_NAME);
  const spans = new WeakMap<CallTelemetryContext, Span>();
  const calls = tracingChannel<CallTelemetryContext>(CALL_CHANNEL_NAME);
  const attemptFailed = channel(ATTEMPT_FAILED_CHANNEL_NAME);

  // Channel subscribers run inside the call: an exception here would surface as an uncaught
  // exception of the caller's process. Telemetry must never break a call, so none escapes.
  const guard =
    <T>(fn: (value: T) => void) =>
    (value: T) => {
      try {
        fn(value);
      } catch {
        // Dropping a span attribute is better than crashing the caller.
      }
    };

  const handlers = {
    // Node's typings want all five; the span needs only the first and the last.
    end: ignore,
    asyncStart: ignore,
    error: ignore,
    start: guard((call: CallTelemetryContext) => {
      const span = tracer.startSpan(
        `chat ${call.model}`,
        { kind: SpanKind.CLIENT, attributes: requestAttributes(call) },
        context.active(),
      );
      spans.set(call, span);
    }),
    asyncEnd: guard((call: CallTelemetryContext) => {
      const span = spans.get(call);
      if (!span) return;
      spans.delete(call);
      if (call.result) {
        span.setAttributes(resultAttributes(call.result));
      } else {
        const error = call.error;
        const type = errorType(error);
        span.setAttribute("error.type", type);
        span.setAttributes(usageAttributes((error as { usage?: never } | null)?.usage));
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.message : type,
        });
      }
      span.setAttributes(budgetAfterAttributes(call));
      span.end();
    }),
  };
  const onAttemptFailed = guard((message: unknown) => {
    const event = message as AttemptFailedEvent;
    const span = spans.get(event.call);
    if (!span) return;
    span.addEvent("llmc.attempt.failed", {
      "llmc.attempt": event.attempt,
      "error.type": errorType(event.error),
      "llmc.error.retryable": event.error.retryable,
      "llmc.output_started": event.outputStarted,
      "llmc.retry.will_retry": event.retryDelayMs !== undefined,
      ...(event.retryDelayMs !== undefined ? { "llmc.retry.delay_ms": event.retryDelayMs } : {}),
    });
  });

  calls.subscribe(handlers);
  attemptFailed.subscribe(onAttemptFailed);
  let installed = true;
  return {
    uninstall() {
      if (!installed) return;
      installed = false;
      calls.unsubscribe(handlers);
      attemptFailed.unsubscribe(onAttemptFailed);
    },
  };
}
