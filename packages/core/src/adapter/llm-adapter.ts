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
import { LLMBudgetExceededError, LLMBudgetStoreError } from "../errors/budget-errors.js";
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
import { estimateToolTokens } from "../pricing/estimate-tool-tokens.js";
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
import { combineResults } from "../tools/combine-results.js";
import { concludeOutput } from "../tools/conclude-output.js";
import type { ObjectFor } from "../tools/infer-result.js";
import type { JsonSchema } from "../tools/json-schema.js";
import type { ProviderToolCall } from "../tools/parse-tool-calls.js";
import { parseToolCall } from "../tools/parse-tool-calls.js";
import { prepareTools } from "../tools/prepare-tools.js";
import { repairMessages } from "../tools/repair-messages.js";
import { isRepairable } from "../tools/repairable.js";
import type { ToolCall, ToolCallOf, ToolSet } from "../tools/tool.js";
import type { SchemaUse } from "../tools/tool-spec.js";
import { AttemptBudget } from "./call-budget.js";
import { CallSignal } from "./call-signal.js";
import { type AdapterCapabilities, TEXT_ONLY } from "./capabilities.js";
import { ConcurrencyLimiter } from "./concurrency-limiter.js";
import { checkContractVersion } from "./contract-version.js";
import type { LLMResult } from "./llm-result.js";
import { type PromptStream, PromptStreamChannel, type PromptStreamPart } from "./prompt-stream.js";
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
 * The option names an adapter class declares as its own (`static readonly optionNames`,
 * inherited by subclasses), or `undefined` when it declares none: core then checks only its own
 * options' values and leaves unknown names to the adapter.
 */
function declaredOptionNames(adapterClass: unknown): readonly string[] | undefined {
  const names = (adapterClass as { optionNames?: unknown }).optionNames;
  return Array.isArray(names) && names.every((name) => typeof name === "string")
    ? names
    : undefined;
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

/** Where a stream's parts go as they arrive. */
interface Sink {
  text(text: string): void;
  part(part: PromptStreamPart): void;
}

/** One provider call's outcome, charged, before core reads tool calls and the object out of it. */
interface RawOutcome {
  readonly response: ProviderResponse;
  /** Tool calls a stream validated as they arrived (`undefined`: not streamed). */
  readonly streamedToolCalls: readonly ToolCall[] | undefined;
  readonly result: Omit<LLMResult, "toolCalls" | "object" | "repairs">;
}

/** The part of a call's config that types its result. */
type TypedConfig<TSchema, TTools> = { readonly schema?: TSchema; readonly tools?: TTools };

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

  /**
   * What this adapter can send besides text: tools and structured output. Core refuses a call
   * that asks for more, before any request. Adapters that support them override this.
   */
  readonly capabilities: AdapterCapabilities = TEXT_ONLY;

  protected readonly options: AdapterOptions;
  readonly #limiter: ConcurrencyLimiter | undefined;
  readonly #retryPolicy: RetryPolicy;
  #schema: z.ZodType | undefined;

  constructor(options: AdapterOptions = {}) {
    // First: an adapter written for another contract must not run at all (see contract-version.ts).
    checkContractVersion(new.target);
    // Core's options are checked here, once, for every adapter (each adapter checks the values
    // of its own); so is every option's name, against core's and the class's `optionNames`.
    checkAdapterOptions(options, new.target.name || "adapter", declaredOptionNames(new.target));
    this.options = options;
    this.#retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
    this.#limiter =
      options.maxConcurrency !== undefined && Number.isFinite(options.maxConcurrency)
        ? new ConcurrencyLimiter(Math.max(1, Math.floor(options.maxConcurrency)))
        : undefined;
  }

  /**
   * Runs one prompt and resolves with its normalised result. With `tools`, `result.toolCalls`
   * holds the validated calls (typed by the tools' schemas); with a `schema`, `result.object`
   * the validated answer (typed `z.output<typeof schema>`).
   */
  async executePrompt<
    TSchema extends z.ZodType | undefined = undefined,
    TTools extends ToolSet | undefined = undefined,
  >(
    prompt: Prompt,
    config: TConfig & TypedConfig<TSchema, TTools>,
  ): Promise<LLMResult<ObjectFor<TSchema, TTools>, ToolCallOf<TTools>>> {
    const call = this.#prepare(prompt, config);
    return (await this.#run(call, undefined)) as LLMResult<
      ObjectFor<TSchema, TTools>,
      ToolCallOf<TTools>
    >;
  }

  /** Runs one prompt as a stream of text deltas (and tool calls, partial objects); see {@link PromptStream}. */
  streamPrompt<
    TSchema extends z.ZodType | undefined = undefined,
    TTools extends ToolSet | undefined = undefined,
  >(
    prompt: Prompt,
    config: TConfig & TypedConfig<TSchema, TTools>,
  ): PromptStream<ObjectFor<TSchema, TTools>, ToolCallOf<TTools>> {
    let callSignal: CallSignal | undefined;
    let cancelledEarly = false;
    type Typed = LLMResult<ObjectFor<TSchema, TTools>, ToolCallOf<TTools>>;
    return new PromptStreamChannel<ObjectFor<TSchema, TTools>, ToolCallOf<TTools>>(
      async (channel) => {
        const call = this.#prepare(prompt, config);
        const sink: Sink = {
          text: (text) => channel.push(text),
          part: (part) => channel.pushPart(part as PromptStreamPart<ToolCallOf<TTools>>),
        };
        return (await this.#run(call, sink, (signal) => {
          callSignal = signal;
          if (cancelledEarly) signal.cancel("consumer-cancelled");
        })) as Typed;
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

  /**
   * The JSON Schema to send for a tool's input or the response (`use` says which, and for which
   * model). Default: zod's, unchanged. Override to fit a provider's dialect (OpenAI strict mode:
   * every property required, optional → nullable); throw an `LLMConfigError` naming the schema
   * path to refuse what cannot be sent. Runs before the reservation, so the bytes it adds count.
   */
  protected toWireSchema(schema: JsonSchema, _use: SchemaUse): JsonSchema {
    return schema;
  }

  /**
   * Maps a parsed reply (tool arguments or the answer) back before zod validates it, undoing
   * what `toWireSchema` changed (strict mode's `null` for an absent optional field). Default: as is.
   */
  protected fromWireValue(value: unknown, _use: SchemaUse): unknown {
    return value;
  }

  /**
   * Upper bound of the request's input tokens (see `estimateInputTokens`): messages, tool
   * calls and results, and the tools' and response schema's JSON Schema text.
   */
  protected estimateInputTokens(request: PreparedRequest<TConfig>): number {
    return (
      estimateInputTokens(request.messages, request.systemPrompt) + estimateToolTokens(request)
    );
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
    const messages = toMessages(prompt);
    const prepared = prepareTools(config, messages, {
      provider: this.provider,
      adapterName: this.constructor.name || "This adapter",
      capabilities: this.capabilities,
      toWire: (schema, use) => this.toWireSchema(schema, use),
    });
    const request = {
      model: config.model,
      messages,
      systemPrompt: config.systemPrompt,
      maxOutputTokens,
      temperature: config.temperature,
      tools: prepared.tools,
      toolChoice: prepared.toolChoice,
      responseSchema: prepared.responseSchema,
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

  /**
   * One call with its repairs, published on the `llmc:call` channel while anyone listens
   * (call-telemetry.ts): the context is the first call's, the result the combined one.
   */
  #run(call: PreparedCall<TConfig>, sink: Sink | undefined, expose?: (s: CallSignal) => void) {
    return traceCall(this.provider, call, sink !== undefined, () =>
      this.#runRepairing(call, sink, expose),
    );
  }

  /**
   * Runs a call, then reads its tool calls and object. An invalid answer (not JSON, not the
   * schema, bad tool arguments) is fed back up to `repair.attempts` times, each repair a new
   * call that reserves first; one that does not fit is not sent, and the caller gets the
   * invalid-answer error saying so. The result covers the call and its repairs together.
   */
  async #runRepairing(
    first: PreparedCall<TConfig>,
    sink: Sink | undefined,
    exposeSignal?: (signal: CallSignal) => void,
  ): Promise<LLMResult> {
    const startedAt = performance.now();
    const allowed = first.config.repair?.attempts ?? 0;
    const earlier: RawOutcome["result"][] = [];
    let call = first;
    let pending: LLMInvalidResponseError | undefined;
    for (;;) {
      let outcome: RawOutcome;
      try {
        outcome = await this.#call(call, sink, exposeSignal);
      } catch (error) {
        if (pending && LLMBudgetExceededError.isInstance(error)) {
          throw new LLMInvalidResponseError(
            `${pending.message} A repair was not sent: it did not fit the budget (${error.message})`,
            {
              provider: this.provider,
              rawText: pending.rawText,
              issues: pending.issues,
              toolName: pending.toolName,
              cause: error,
            },
          );
        }
        throw error;
      }
      const fromWire = (value: unknown, use: SchemaUse) => this.fromWireValue(value, use);
      try {
        const output = concludeOutput(
          outcome.response,
          call.request,
          { provider: this.provider, fromWire },
          outcome.streamedToolCalls,
        );
        return combineResults(earlier, {
          ...outcome.result,
          finishReason: output.finishReason,
          toolCalls: output.toolCalls,
          object: output.object,
          startedAt,
        });
      } catch (error) {
        if (!isRepairable(error) || earlier.length >= allowed) throw error;
        earlier.push(outcome.result);
        pending = error;
        sink?.part({ type: "repair", error });
        const messages = repairMessages(call.request.messages, outcome.response.text, error);
        call = this.#prepare(messages, call.config);
      }
    }
  }

  async #call(
    call: PreparedCall<TConfig>,
    sink: Sink | undefined,
    exposeSignal?: (signal: CallSignal) => void,
  ): Promise<RawOutcome> {
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
        const streamedToolCalls: ToolCall[] | undefined = sink ? [] : undefined;
        try {
          response = sink
            ? await this.#consumeStream(request, sink, streamedToolCalls!, () => {
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
        const invalidStreamed =
          streamedToolCalls !== undefined &&
          streamedToolCalls.length !== (response.toolCalls?.length ?? 0);
        const result = {
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
        // A streamed call that failed validation is parsed again (and throws) when concluded.
        return {
          response,
          streamedToolCalls: invalidStreamed ? undefined : streamedToolCalls,
          result,
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
    validCalls: ToolCall[],
    onOutput: () => void,
  ): Promise<ProviderResponse> {
    let text = "";
    const toolCalls: ProviderToolCall[] = [];
    let invalid = false;
    for await (const part of this.doStream(request)) {
      if (part.type === "text-delta") {
        if (part.text.length === 0) continue;
        onOutput();
        text += part.text;
        sink.text(part.text);
      } else if (part.type === "tool-call") {
        onOutput();
        const { type: _type, ...call } = part;
        toolCalls.push(call);
        // Validated as it arrives, so a consumer can start on it; an invalid one is not
        // yielded, and the call fails (or is repaired) once the stream has been charged.
        if (invalid) continue;
        try {
          const valid = parseToolCall(call, {
            provider: this.provider,
            model: request.model,
            tools: request.config.tools,
            fromWire: (value, use) => this.fromWireValue(value, use),
          });
          validCalls.push(valid);
          sink.part({ type: "tool-call", toolCall: valid });
        } catch {
          invalid = true;
        }
      } else {
        return { ...part, text, usage: part.usage, ...(toolCalls.length > 0 ? { toolCalls } : {}) };
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
