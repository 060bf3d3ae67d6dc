import { channel, tracingChannel } from "node:diagnostics_channel";
import type { LLMResult } from "../adapter/llm-result.js";
import type { BudgetTracker } from "../budget/budget-tracker.js";
import { nanosToUsd } from "../budget/money.js";
import type { RunConfig } from "../config/run-config.js";
import type { LLMError } from "../errors/llm-error.js";

/**
 * Call lifecycle on `node:diagnostics_channel`, for observers such as `@llmc/otel`. Channels are
 * global by name, so a subscriber sees the calls of every copy of `@llmc/core` in the process
 * without importing it. With no subscriber nothing is built or published: the cost of a call is
 * one `hasSubscribers` check (see the tests in test/telemetry-channel.test.ts).
 */
export const CALL_CHANNEL_NAME = "llmc:call";
export const ATTEMPT_FAILED_CHANNEL_NAME = "llmc:call:attempt-failed";

/**
 * The context object of one call on `tracingChannel("llmc:call")`: `start` when the call begins
 * (after validation, before waiting for a slot or reserving budget), `asyncEnd` when it
 * resolved (`result` set) or rejected (`error` set, after `error`). The same object is passed to
 * every event of the call, so a subscriber may key its own state on it.
 */
export interface CallTelemetryContext {
  /** The call's id, the same the budget's `settle` events (and so the spend ledger) carry. */
  readonly callId: string;
  readonly provider: string;
  /** The model the caller asked for (the answering one is `result.model`). */
  readonly model: string;
  /** `true` for `streamPrompt`, `false` for `executePrompt`. */
  readonly stream: boolean;
  readonly maxOutputTokens: number | undefined;
  readonly temperature: number | undefined;
  /** The caller's budget, when the call is budgeted (read its `chain`, `remaining()` …). */
  readonly budgetTracker: BudgetTracker | undefined;
  /** What each attempt reserves from the budget, in USD (the worst case); `undefined` unbudgeted. */
  readonly reservedUsd: number | undefined;
  readonly metadata: Readonly<Record<string, unknown>> | undefined;
  /** Set by the channel when the call resolved. */
  result?: LLMResult;
  /** Set by the channel when the call rejected (an `LLMError` for every failure core raises). */
  error?: unknown;
}

/** Published on `channel("llmc:call:attempt-failed")` each time one attempt of a call fails. */
export interface AttemptFailedEvent {
  /** The call's context object, the same one `tracingChannel("llmc:call")` publishes. */
  readonly call: CallTelemetryContext;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly error: LLMError;
  /** Whether the attempt had already streamed text (such an attempt is never retried). */
  readonly outputStarted: boolean;
  /** The back-off before the next attempt, or `undefined` when the call gives up with `error`. */
  readonly retryDelayMs: number | undefined;
}

/** What core knows of a call before it runs (structurally `LLMAdapter`'s prepared call). */
interface TracedCall {
  readonly callId: string;
  readonly config: RunConfig;
  readonly request: {
    readonly model: string;
    readonly maxOutputTokens: number | undefined;
    readonly temperature: number | undefined;
  };
  readonly reservationNanos: number;
}

const callChannel = tracingChannel<CallTelemetryContext>(CALL_CHANNEL_NAME);
const attemptFailedChannel = channel(ATTEMPT_FAILED_CHANNEL_NAME);
/** Each traced call's context, for the attempt events; filled only while someone listens. */
const contexts = new WeakMap<object, CallTelemetryContext>();

/**
 * LLMAdapter's only: not exported from the package's entry points.
 * Runs one call, traced when anyone subscribes to `llmc:call`. Without a subscriber it returns
 * `run()`'s own promise and touches nothing else.
 */
export function traceCall<T extends LLMResult>(
  provider: string,
  call: TracedCall,
  stream: boolean,
  run: () => Promise<T>,
): Promise<T> {
  if (!callChannel.hasSubscribers) return run();
  const { config, request } = call;
  const context: CallTelemetryContext = {
    callId: call.callId,
    provider,
    model: request.model,
    stream,
    maxOutputTokens: request.maxOutputTokens,
    temperature: request.temperature,
    budgetTracker: config.budgetTracker,
    reservedUsd: config.budgetTracker ? nanosToUsd(call.reservationNanos) : undefined,
    metadata: config.metadata,
  };
  contexts.set(call, context);
  return callChannel.tracePromise(run, context) as Promise<T>;
}

/** LLMAdapter's only (not exported from the entry points). Tells subscribers one attempt failed and whether (after how long) it will be retried. */
export function publishAttemptFailed(
  call: object,
  attempt: number,
  error: LLMError,
  outputStarted: boolean,
  retryDelayMs: number | undefined,
): void {
  if (!attemptFailedChannel.hasSubscribers) return;
  const context = contexts.get(call);
  if (!context) return;
  const event: AttemptFailedEvent = {
    call: context,
    attempt,
    error,
    outputStarted,
    retryDelayMs,
  };
  attemptFailedChannel.publish(event);
}
