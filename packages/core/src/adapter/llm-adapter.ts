import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { isExactNanos, MAX_USD } from "../budget/money.js";
import { checkAdapterOptions } from "../config/adapter-options.js";
import { compiledSchema } from "../config/lazy-schema.js";
import { type Prompt, promptSchema, toMessages } from "../config/prompt.js";
import {
  configErrorFrom,
  parseConfig,
  type RunConfig,
  runConfigSchema,
} from "../config/run-config.js";
import { LLMBudgetStoreError } from "../errors/budget-errors.js";
import { LLMError } from "../errors/llm-error.js";
import {
  LLMAbortError,
  LLMConfigError,
  LLMInvalidResponseError,
  LLMTimeoutError,
} from "../errors/provider-errors.js";
import { checkModelPrice } from "../pricing/check-price.js";
import { worstCaseCost } from "../pricing/cost.js";
import { estimateInputTokens } from "../pricing/estimate-input-tokens.js";
import { findPrice } from "../pricing/find-price.js";
import type { ModelPrice, PriceTable } from "../pricing/model-price.js";
import { abortableSleep } from "../retry/abortable-sleep.js";
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  retryDelayMs,
} from "../retry/retry-policy.js";
import { publishAttemptFailed, traceCall } from "../telemetry/call-telemetry.js";
import { AttemptBudget } from "./call-budget.js";
import { CallSignal } from "./call-signal.js";
import { ConcurrencyLimiter } from "./concurrency-limiter.js";
import { checkContractVersion } from "./contract-version.js";
import type { LLMResult } from "./llm-result.js";
import { type PromptStream, PromptStreamChannel } from "./prompt-stream.js";
import type {
  PreparedRequest,
  ProviderRequest,
  ProviderResponse,
  ProviderStreamPart,
} from "./provider-call.js";

/** Shared stores expire leases; a call with a deadline keeps its hold a minute past it. */
const LEASE_MARGIN_MS = 60_000;

function leaseFor(timeoutMs: number | undefined): number | undefined {
  return timeoutMs === undefined ? undefined : timeoutMs + LEASE_MARGIN_MS;
}

/**
 * Options every adapter accepts besides its provider's own. Checked once, by the `LLMAdapter`
 * constructor; an out-of-range one is an `LLMConfigError` naming it.
 */
export interface AdapterOptions {
  /** Prices that override (or add to) the adapter's table, by model name; rates finite, ≥ 0. */
  readonly prices?: Readonly<Record<string, ModelPrice>>;
  /** Default `maxRetries` (int 0–10) for calls that do not set one (default 2). */
  readonly maxRetries?: number;
  /** Default `timeoutMs` (int 1…2^31 − 1) for calls that do not set one (default: none). */
  readonly timeoutMs?: number;
  /** Back-off delays, each 0…2^31 − 1 ms. */
  readonly retryPolicy?: Partial<RetryPolicy>;
  /** Calls beyond this many (int ≥ 1, or Infinity) wait their turn, holding no budget (default: unlimited). */
  readonly maxConcurrency?: number;
}

/** A validated call, ready to run. */
interface PreparedCall<TConfig extends RunConfig> {
  readonly config: TConfig;
  readonly request: PreparedRequest<TConfig>;
  readonly price: ModelPrice | undefined;
  readonly reservationNanos: number;
  /** One id for the call and all its attempts (settle events carry it). */
  readonly callId: string;
}

type Sink = (text: string) => void;

/**
 * The contract every provider implements. `executePrompt` and `streamPrompt` are template
 * methods: validate → wait for a concurrency slot → reserve budget → call the provider (with
 * deadline, abort and retry) → settle budget → normalised result. An adapter supplies only
 * `doGenerate` (and `doStream` for native streaming), `mapError`, and its price table, and
 * states the contract it implements: `static readonly contractVersion = 1`.
 */
export abstract class LLMAdapter<TConfig extends RunConfig = RunConfig> {
  /** The provider's name as it appears in results and errors, e.g. `"openai"`. */
  abstract readonly provider: string;
  /** The dated price table shipped with the adapter. */
  abstract readonly priceTable: PriceTable | undefined;

  protected readonly options: AdapterOptions;
  readonly #limiter: ConcurrencyLimiter | undefined;
  readonly #retryPolicy: RetryPolicy;
  #schema: z.ZodType | undefined;

  constructor(options: AdapterOptions = {}) {
    // First: an adapter written for another contract must not run at all (see contract-version.ts).
    checkContractVersion(new.target);
    // Core's options are checked here, once, for every adapter (each adapter checks its own).
    checkAdapterOptions(options, new.target.name || "adapter");
    this.options = options;
    this.#retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
    this.#limiter =
      options.maxConcurrency !== undefined && Number.isFinite(options.maxConcurrency)
        ? new ConcurrencyLimiter(Math.max(1, Math.floor(options.maxConcurrency)))
        : undefined;
  }

  /** Runs one prompt and resolves with its normalised result. */
  async executePrompt(prompt: Prompt, config: TConfig): Promise<LLMResult> {
    const call = this.#prepare(prompt, config);
    return this.#run(call, undefined);
  }

  /** Runs one prompt as a stream of text deltas; see {@link PromptStream}. */
  streamPrompt(prompt: Prompt, config: TConfig): PromptStream {
    let callSignal: CallSignal | undefined;
    let cancelledEarly = false;
    return new PromptStreamChannel(
      async (channel) => {
        const call = this.#prepare(prompt, config);
        return this.#run(
          call,
          (text) => channel.push(text),
          (signal) => {
            callSignal = signal;
            if (cancelledEarly) signal.cancel("consumer-cancelled");
          },
        );
      },
      () => {
        if (callSignal) callSignal.cancel("consumer-cancelled");
        else cancelledEarly = true;
      },
    );
  }

  /** The price used for a model: the `prices` option first, then the shipped table. */
  priceFor(model: string): ModelPrice | undefined {
    return findPrice(model, this.priceTable, this.options.prices);
  }

  // ---- hooks for adapter authors ----

  /** Sends one non-streaming request. Throw anything; `mapError` turns it into an LLMError. */
  protected abstract doGenerate(request: ProviderRequest<TConfig>): Promise<ProviderResponse>;

  /**
   * Sends one streaming request. The default runs `doGenerate` and yields its text at once;
   * adapters with native streaming override it.
   */
  protected async *doStream(request: ProviderRequest<TConfig>): AsyncIterable<ProviderStreamPart> {
    const response = await this.doGenerate(request);
    if (response.text) yield { type: "text-delta", text: response.text };
    yield { type: "finish", ...response };
  }

  /**
   * Maps a provider/SDK failure to the right {@link LLMError} subclass. `request` is the
   * attempt that failed (for the model name in a 404, say).
   */
  protected mapError(error: unknown, _request: ProviderRequest<TConfig>): LLMError {
    return new LLMError(
      `${this.provider} call failed: ${(error as Error)?.message ?? String(error)}`,
      {
        provider: this.provider,
        cause: error,
      },
    );
  }

  /** The schema calls are validated with; adapters extend it with their own per-call fields. */
  protected configSchema(): z.ZodType {
    return runConfigSchema;
  }

  /** Upper bound of the request's input tokens (see `estimateInputTokens`). */
  protected estimateInputTokens(request: PreparedRequest<TConfig>): number {
    return estimateInputTokens(request.messages, request.systemPrompt);
  }

  /**
   * The most this call can cost, in nano-dollars, or a config error when that cannot be known.
   * Called only when a budget is attached.
   */
  protected reservationNanos(
    request: PreparedRequest<TConfig>,
    price: ModelPrice | undefined,
  ): number {
    if (!price) {
      throw new LLMConfigError(
        `No price is known for ${this.provider} model "${request.model}", so a budgeted call could ` +
          `spend money it cannot count. Pass \`prices: { "${request.model}": { inputPerMTok, outputPerMTok } }\` ` +
          "to the adapter, or call without a budgetTracker.",
        { provider: this.provider, field: "model" },
      );
    }
    return worstCaseCost(this.estimateInputTokens(request), request.maxOutputTokens ?? 0, price);
  }

  /** The output cap to send when a budget is attached and the caller set none. */
  protected defaultMaxOutputTokens(model: string, price: ModelPrice | undefined): number {
    if (price?.maxOutputTokens) return price.maxOutputTokens;
    throw new LLMConfigError(
      `Set \`maxOutputTokens\` for budgeted calls to ${this.provider} model "${model}": its output ` +
        "ceiling is unknown, so the worst-case cost cannot be reserved.",
      { provider: this.provider, field: "maxOutputTokens" },
    );
  }

  // ---- the template method ----

  #prepare(prompt: Prompt, rawConfig: TConfig): PreparedCall<TConfig> {
    const promptCheck = compiledSchema(promptSchema).safeParse(prompt);
    if (!promptCheck.success) throw configErrorFrom(promptCheck.error, "prompt");
    this.#schema ??= compiledSchema(this.configSchema());
    const config = parseConfig(this.#schema, rawConfig) as TConfig;
    const found = this.priceFor(config.model);
    // A table's prices are checked on first use (tables may load lazily; overrides were checked
    // by the constructor): a negative or NaN rate would make costs negative or the cap open.
    const price =
      found && checkModelPrice(found, config.model, `the ${this.provider} price for this model`);
    const budgeted = config.budgetTracker !== undefined;
    const maxOutputTokens =
      config.maxOutputTokens ??
      (budgeted ? this.defaultMaxOutputTokens(config.model, price) : undefined);
    const request = {
      model: config.model,
      messages: toMessages(prompt),
      systemPrompt: config.systemPrompt,
      maxOutputTokens,
      temperature: config.temperature,
      config,
    };
    const reservationNanos = budgeted ? this.reservationNanos(request, price) : 0;
    if (!isExactNanos(reservationNanos) || reservationNanos < 0) {
      throw new LLMConfigError(
        `The worst case of this ${this.provider} call ($${reservationNanos / 1e9}) is beyond what a ` +
          `budget can hold ($${MAX_USD.toFixed(2)}): lower \`maxOutputTokens\` or check the price.`,
        { provider: this.provider, field: "maxOutputTokens" },
      );
    }
    return { config, request, price, reservationNanos, callId: randomUUID() };
  }

  /** One call, published on the `llmc:call` channel while anyone listens (call-telemetry.ts). */
  #run(call: PreparedCall<TConfig>, sink: Sink | undefined, expose?: (s: CallSignal) => void) {
    return traceCall(this.provider, call, sink !== undefined, () => this.#call(call, sink, expose));
  }

  async #call(
    call: PreparedCall<TConfig>,
    sink: Sink | undefined,
    exposeSignal?: (signal: CallSignal) => void,
  ): Promise<LLMResult> {
    const startedAt = performance.now();
    const { config } = call;
    const callSignal = new CallSignal(
      config.signal,
      config.timeoutMs ?? this.options.timeoutMs,
      sink !== undefined,
    );
    exposeSignal?.(callSignal);
    const maxRetries = config.maxRetries ?? this.options.maxRetries ?? DEFAULT_MAX_RETRIES;
    let releaseSlot: (() => void) | undefined;
    try {
      releaseSlot = await this.#limiter?.acquire(callSignal.signal).catch(() => {
        throw this.#cancellationError(callSignal, undefined);
      });
      let lastError: LLMError | undefined;
      for (let attempt = 1; ; attempt++) {
        if (callSignal.reason) throw this.#cancellationError(callSignal, undefined);
        const budget = await this.#openBudget(call, callSignal, attempt, lastError);
        const attemptSignal = callSignal.forAttempt();
        const request: ProviderRequest<TConfig> = {
          ...call.request,
          signal: attemptSignal.signal,
          cancellable: callSignal.cancellable,
          attempt,
          reservedUsd: budget.reservedUsd,
          markBilled: () => budget.markBilled(),
        };
        let outputStarted = false;
        let response: ProviderResponse;
        try {
          response = sink
            ? await this.#consumeStream(request, sink, () => {
                outputStarted = true;
              })
            : await this.doGenerate(request);
        } catch (raw) {
          const error = this.#toLLMError(raw, callSignal, request);
          await budget.settleFailure(error, outputStarted);
          const delay = this.#retryDelay(error, attempt, maxRetries, outputStarted, callSignal);
          publishAttemptFailed(call, attempt, error, outputStarted, delay);
          if (delay === undefined) throw error;
          lastError = error;
          await abortableSleep(delay, callSignal.signal).catch(() => {
            throw this.#cancellationError(callSignal, error);
          });
          continue;
        } finally {
          attemptSignal.dispose();
        }
        // The provider answered. Settling happens outside the attempt's try on purpose: nothing
        // from here on may lead to a resend, and a store failure leaves the charge pending in
        // the tracker (hold kept, retried in the background) instead of releasing it as $0.
        // An answer that arrived is kept and charged even if the deadline fired meanwhile.
        const cost = await budget.settleSuccess(response.usage, response.costUsd, response.model);
        return {
          text: response.text,
          model: response.model ?? call.request.model,
          provider: this.provider,
          finishReason: response.finishReason,
          usage: response.usage ?? { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
          costUsd: cost.costUsd,
          costSource: cost.costSource,
          durationMs: performance.now() - startedAt,
          attempts: attempt,
          providerMetadata: {
            ...response.providerMetadata,
            ...(config.metadata ? { metadata: config.metadata } : {}),
          },
        };
      }
    } finally {
      releaseSlot?.();
      callSignal.dispose();
    }
  }

  /**
   * Reserves one attempt's worst case. A store failure before a retry is not "no call was
   * made": earlier attempts were sent (and failed), and the message says so.
   */
  async #openBudget(
    call: PreparedCall<TConfig>,
    callSignal: CallSignal,
    attempt: number,
    lastError: LLMError | undefined,
  ): Promise<AttemptBudget> {
    try {
      return await AttemptBudget.open(
        call.config.budgetTracker,
        call.reservationNanos,
        call.price,
        leaseFor(callSignal.timeoutMs),
        {
          callId: call.callId,
          provider: this.provider,
          model: call.request.model,
          attempt,
          metadata: call.config.metadata,
        },
      );
    } catch (error) {
      if (attempt === 1 || !LLMBudgetStoreError.isInstance(error)) throw error;
      const why = (error.cause as Error | undefined)?.message ?? error.message;
      throw new LLMBudgetStoreError(
        `The budget store failed while reserving retry attempt ${attempt} of this ${this.provider} ` +
          `call, so that attempt was not sent (budgets fail closed); ${attempt - 1} earlier ` +
          `attempt(s) were sent and failed, the last with: ${lastError?.message}. Store: ${why}`,
        { provider: this.provider, phase: "reserve", cause: error.cause },
      );
    }
  }

  async #consumeStream(
    request: ProviderRequest<TConfig>,
    sink: Sink,
    onOutput: () => void,
  ): Promise<ProviderResponse> {
    let text = "";
    for await (const part of this.doStream(request)) {
      if (part.type === "text-delta") {
        if (part.text.length === 0) continue;
        onOutput();
        text += part.text;
        sink(part.text);
      } else {
        return { ...part, text, usage: part.usage };
      }
    }
    throw new LLMInvalidResponseError(`${this.provider} stream ended without a finish event`, {
      provider: this.provider,
    });
  }

  /** Retry only retryable errors, never after a cancel, never once a stream has produced output. */
  #retryDelay(
    error: LLMError,
    attempt: number,
    maxRetries: number,
    outputStarted: boolean,
    callSignal: CallSignal,
  ): number | undefined {
    if (!error.retryable || outputStarted || callSignal.reason || attempt > maxRetries)
      return undefined;
    const serverWait = (error as { retryAfterMs?: number }).retryAfterMs;
    return retryDelayMs(attempt, serverWait, this.#retryPolicy);
  }

  #toLLMError(raw: unknown, callSignal: CallSignal, request: ProviderRequest<TConfig>): LLMError {
    if (callSignal.reason) return this.#cancellationError(callSignal, raw);
    if (LLMError.isInstance(raw)) return raw;
    return this.mapError(raw, request);
  }

  /** Whatever the SDK threw on cancel, the caller sees why: timeout or abort. */
  #cancellationError(callSignal: CallSignal, raw: unknown): LLMError {
    const carried = LLMError.isInstance(raw) ? raw : undefined;
    const options = {
      provider: this.provider,
      cause: raw,
      usage: carried?.usage,
      reportedCostUsd: carried?.reportedCostUsd,
    };
    if (callSignal.reason === "timeout") {
      const timeoutMs = callSignal.timeoutMs;
      return new LLMTimeoutError(
        `The ${this.provider} call did not finish within ${timeoutMs} ms`,
        {
          ...options,
          timeoutMs,
        },
      );
    }
    if (callSignal.reason === "consumer-cancelled") {
      return new LLMAbortError("The stream was cancelled by its consumer", options);
    }
    return new LLMAbortError(`The ${this.provider} call was aborted by its caller`, options);
  }
}
