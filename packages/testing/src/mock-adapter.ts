import {
  type AdapterCapabilities,
  type AdapterOptions,
  abortableSleep,
  type FinishReason,
  LLMAdapter,
  type LLMError,
  type PriceTable,
  type ProviderRequest,
  type ProviderResponse,
  type ProviderStreamPart,
  type Usage,
} from "@llmc/core";

/**
 * One tool call a scripted reply makes, as the simulator scripts them: an `arguments` object is
 * sent as its JSON, a string verbatim (JSON that does not parse, to test what happens then).
 * `id` defaults to `call_<n>`, unique per adapter. Core parses and validates the arguments
 * against the tool's schema, as for a real provider.
 */
export interface MockToolCall {
  readonly name: string;
  readonly arguments?: unknown;
  readonly id?: string;
}

/**
 * One scripted reply. Unset usage is derived from the text and the tool calls' arguments
 * (about four bytes a token).
 */
export interface MockReply {
  /** The reply's text (default `""`). */
  readonly text?: string;
  /**
   * Tool calls the model makes in this reply (several: parallel calls). The finish reason is
   * then `tool-calls` unless `finishReason` says otherwise.
   */
  readonly toolCalls?: readonly MockToolCall[];
  readonly usage?: Partial<Usage>;
  /** A provider-reported bill in USD; without it cost comes from the price table. */
  readonly costUsd?: number;
  readonly finishReason?: FinishReason;
  /** Waits this long first; the wait ends early, like a real request, when the call aborts. */
  readonly latencyMs?: number;
  /** How `streamPrompt` splits the text (default: word by word). */
  readonly chunks?: readonly string[];
}

/** One scripted failure: the error is thrown after `latencyMs`. */
export interface MockFailure {
  readonly error: LLMError | (() => LLMError);
  readonly latencyMs?: number;
}

/** A reply or failure, or a function choosing one when the attempt arrives (it sees the request). */
export type MockStep =
  | MockReply
  | MockFailure
  | ((request: ProviderRequest) => MockReply | MockFailure);

export interface MockAdapterOptions extends AdapterOptions {
  /** Shown as `result.provider` (default `"mock"`). */
  readonly provider?: string;
  /** Steps consumed one per attempt, in order. */
  readonly steps?: readonly MockStep[];
  /** What an attempt gets once `steps` is used up (default: echoes the prompt). */
  readonly fallback?: MockReply | ((request: ProviderRequest) => MockReply);
}

/** Prices for the mock models, so budgets work out of the box. */
export const MOCK_PRICES: PriceTable = {
  provider: "mock",
  asOf: "2026-11-25",
  source: "invented for tests and demos",
  models: {
    "mock-small": { inputPerMTok: 0.5, outputPerMTok: 1.5, maxOutputTokens: 4_096 },
    "mock-large": {
      inputPerMTok: 5,
      outputPerMTok: 15,
      cachedInputPerMTok: 0.5,
      maxOutputTokens: 8_192,
    },
  },
};

/**
 * An in-process {@link LLMAdapter} with scripted replies, usage, cost, latency and failures,
 * for tests and demos that need no HTTP at all. It goes through exactly the same template
 * method as the real adapters: validation, budget reservation, retry, timeout, settlement.
 */
export class MockAdapter extends LLMAdapter {
  static readonly contractVersion = 1;
  static readonly optionNames: readonly string[] = ["provider", "steps", "fallback"];
  readonly provider: string;
  readonly priceTable = MOCK_PRICES;
  /** Tools and structured output: core validates scripted tool calls and JSON like any reply. */
  override readonly capabilities: AdapterCapabilities = { tools: true, structuredOutput: true };
  /** Every attempt's request, in order. */
  readonly requests: ProviderRequest[] = [];
  readonly #steps: MockStep[];
  readonly #fallback: MockAdapterOptions["fallback"];
  #toolCallCount = 0;

  constructor(options: MockAdapterOptions = {}) {
    super(options);
    this.provider = options.provider ?? "mock";
    this.#steps = [...(options.steps ?? [])];
    this.#fallback = options.fallback;
  }

  /** Adds steps to the end of the script. */
  enqueue(...steps: MockStep[]): this {
    this.#steps.push(...steps);
    return this;
  }

  protected override async doGenerate(request: ProviderRequest): Promise<ProviderResponse> {
    const reply = await this.#nextReply(request);
    return toResponse(reply, request, this.#toolCallIds(reply));
  }

  protected override async *doStream(request: ProviderRequest): AsyncIterable<ProviderStreamPart> {
    const reply = await this.#nextReply(request);
    const response = toResponse(reply, request, this.#toolCallIds(reply));
    for (const chunk of reply.chunks ?? (reply.text ?? "").match(/\S+\s*|\s+/g) ?? []) {
      yield { type: "text-delta", text: chunk };
    }
    // Each tool call as one complete part, after the text, as the real adapters assemble them.
    const { toolCalls, ...finish } = response;
    for (const call of toolCalls ?? []) yield { type: "tool-call", ...call };
    yield { type: "finish", ...finish };
  }

  async #nextReply(request: ProviderRequest): Promise<MockReply> {
    this.requests.push(request);
    const next = this.#steps.shift() ?? this.#fallbackFor(request);
    const step = typeof next === "function" ? next(request) : next;
    if (step.latencyMs) await abortableSleep(step.latencyMs, request.signal);
    if ("error" in step) throw typeof step.error === "function" ? step.error() : step.error;
    return step;
  }

  #fallbackFor(request: ProviderRequest): MockReply {
    const fallback = this.#fallback;
    if (typeof fallback === "function") return fallback(request);
    if (fallback) return fallback;
    const last = request.messages.at(-1)?.content ?? "";
    return { text: `mock reply to: ${last.slice(0, 60)}` };
  }

  /** Ids for the reply's tool calls: scripted ones as given, the rest `call_<n>` in order. */
  #toolCallIds(reply: MockReply): string[] {
    return (reply.toolCalls ?? []).map((call) => call.id ?? `call_${++this.#toolCallCount}`);
  }
}

function toResponse(
  reply: MockReply,
  request: ProviderRequest,
  toolCallIds: readonly string[],
): ProviderResponse {
  const text = reply.text ?? "";
  const toolCalls = (reply.toolCalls ?? []).map((call, i) => ({
    id: toolCallIds[i]!,
    name: call.name,
    arguments:
      typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments ?? {}),
  }));
  const promptBytes = request.messages.reduce((sum, m) => sum + Buffer.byteLength(m.content), 0);
  const outputBytes =
    Buffer.byteLength(text) +
    toolCalls.reduce((sum, c) => sum + Buffer.byteLength(c.name + c.arguments), 0);
  const inputTokens = reply.usage?.inputTokens ?? Math.ceil(promptBytes / 4);
  const outputTokens = reply.usage?.outputTokens ?? Math.ceil(outputBytes / 4);
  const stopped: FinishReason | undefined =
    toolCalls.length > 0 ? { kind: "tool-calls", raw: "tool_calls" } : undefined;
  return {
    text,
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
    model: request.model,
    finishReason: reply.finishReason ?? stopped ?? { kind: "stop", raw: "stop" },
    usage: { ...reply.usage, inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
    costUsd: reply.costUsd,
    providerMetadata: { mock: true },
  };
}
