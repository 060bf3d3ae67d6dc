import {
  type AdapterCapabilities,
  type AdapterOptions,
  LLMAdapter,
  type PriceTable,
  type ProviderRequest,
  type ProviderResponse,
  type ProviderStreamPart,
} from "../../src/index.js";

/** $1 per million input tokens, $2 per million output tokens: 1,000 / 2,000 nano-dollars each. */
export const TEST_PRICES: PriceTable = {
  provider: "test",
  asOf: "2026-11-01",
  source: "made up for tests",
  models: { "test-model": { inputPerMTok: 1, outputPerMTok: 2, maxOutputTokens: 1_000 } },
};

type Handler = (request: ProviderRequest) => Promise<ProviderResponse>;
type StreamHandler = (request: ProviderRequest) => AsyncIterable<ProviderStreamPart>;

/** An adapter whose provider hook is a function the test supplies; it records every request. */
export class TestAdapter extends LLMAdapter {
  static readonly contractVersion = 1;
  static readonly optionNames = ["stream"];
  readonly provider = "test";
  readonly priceTable = TEST_PRICES;
  readonly requests: ProviderRequest[] = [];
  // Tools and structured output on, so core's tool pipeline can be tested through it.
  override readonly capabilities: AdapterCapabilities = { tools: true, structuredOutput: true };

  constructor(
    private readonly handler: Handler,
    options: AdapterOptions & { stream?: StreamHandler } = {},
  ) {
    super(options);
    this.streamHandler = options.stream;
  }

  private readonly streamHandler: StreamHandler | undefined;

  protected override doGenerate(request: ProviderRequest): Promise<ProviderResponse> {
    this.requests.push(request);
    return this.handler(request);
  }

  protected override doStream(request: ProviderRequest): AsyncIterable<ProviderStreamPart> {
    if (!this.streamHandler) return super.doStream(request);
    this.requests.push(request);
    return this.streamHandler(request);
  }
}

export function reply(text: string, inputTokens = 10, outputTokens = 5): ProviderResponse {
  return {
    text,
    finishReason: { kind: "stop", raw: "stop" },
    usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
  };
}

/** Resolves after `ms`, or rejects like an SDK does when `signal` aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(Object.assign(new Error("Request was aborted."), { name: "AbortError" }));
    });
  });
}
