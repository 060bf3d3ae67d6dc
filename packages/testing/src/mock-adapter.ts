import {
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

/** One scripted reply. Unset usage is derived from the text (about four bytes a token). */
export interface MockReply {
  readonly text: string;
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

export type MockStep = MockReply | MockFailure;

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
  readonly provider: string;
  readonly priceTable = MOCK_PRICES;
  /** Every attempt's request, in order. */
  readonly requests: ProviderRequest[] = [];
  readonly #steps: MockStep[];
  readonly #fallback: MockAdapterOptions["fallback"];

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
    return toResponse(reply, request);
  }

  protected override async *doStream(request: ProviderRequest): AsyncIterable<ProviderStreamPart> {
    const reply = await this.#nextReply(request);
    const response = toResponse(reply, request);
    for (const chunk of reply.chunks ?? reply.text.match(/\S+\s*|\s+/g) ?? []) {
      yield { type: "text-delta", text: chunk };
    }
    yield { type: "finish", ...response };
  }

  async #nextReply(request: ProviderRequest): Promise<MockReply> {
    this.requests.push(request);
    const step = this.#steps.shift() ?? this.#fallbackFor(request);
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
}

function toResponse(reply: MockReply, request: ProviderRequest): ProviderResponse {
  const promptBytes = request.messages.reduce((sum, m) => sum + Buffer.byteLength(m.content), 0);
  const inputTokens = reply.usage?.inputTokens ?? Math.ceil(promptBytes / 4);
  const outputTokens = reply.usage?.outputTokens ?? Math.ceil(Buffer.byteLength(reply.text) / 4);
  return {
    text: reply.text,
    model: request.model,
    finishReason: reply.finishReason ?? { kind: "stop", raw: "stop" },
    usage: { ...reply.usage, inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
    costUsd: reply.costUsd,
    providerMetadata: { mock: true },
  };
}
