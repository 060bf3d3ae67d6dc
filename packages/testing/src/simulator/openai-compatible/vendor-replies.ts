import { estimateTokens } from "../token-estimate.js";
import type { RawFault, RecordedRequest, ScriptStep } from "../types.js";

/**
 * OpenAI-compatible vendors whose answers differ from OpenAI's in ways an adapter must handle.
 * Each flavour follows the vendor's documented (or recorded) shape; the sources are named on
 * each builder below and in `@llmc/openai-compatible`'s presets.
 */
export type OpenAICompatibleVendor =
  | "deepseek"
  | "groq"
  | "xai"
  | "together"
  | "mistral"
  | "fireworks"
  | "ollama"
  | "vllm"
  | "lmstudio";

export interface VendorReplyOptions {
  /** Default `"Hello from the llmc simulator."`. */
  readonly text?: string;
  /** Default: the requested model. */
  readonly model?: string;
  /** The vendor's raw finish reason. Default `stop` (Together: `eos`). */
  readonly finishReason?: string;
  /**
   * In core `Usage` terms (cached ⊂ input, reasoning ⊂ output), mapped to the vendor's fields.
   * Default: 10 input tokens, output from the text (4 bytes a token) plus reasoning.
   */
  readonly usage?: {
    readonly inputTokens?: number;
    readonly outputTokens?: number;
    readonly cachedInputTokens?: number;
    readonly reasoningTokens?: number;
  };
  /** xAI: the billed amount, sent as `usage.cost_in_usd_ticks` (USD × 10^10). */
  readonly costUsd?: number;
  /**
   * Local servers (Ollama, vLLM, LM Studio): whether a stream ends with a usage chunk when the
   * client asks for one. Default `false`: the server streams no usage at all, as older (and
   * some current) builds do.
   */
  readonly streamsUsage?: boolean;
}

interface Counts {
  readonly input: number;
  readonly output: number;
  readonly cached: number | undefined;
  readonly reasoning: number | undefined;
}

interface Shape {
  /** The vendor's `usage` object for these counts. */
  usage(counts: Counts, options: VendorReplyOptions): Record<string, unknown>;
  /** Where a stream's usage goes: its own chunk, the finish chunk, `x_groq`, or nowhere. */
  streamUsage(request: RecordedRequest, options: VendorReplyOptions): StreamUsagePlacement;
  /** Extra top-level fields of every body and chunk. */
  readonly extra?: Record<string, unknown>;
  /** A 4xx the vendor sends for this request instead of answering, if any. */
  reject?(request: RecordedRequest): RawFault | undefined;
  readonly defaultFinishReason?: string;
}

type StreamUsagePlacement = "usage-chunk" | "finish-chunk" | "x-groq" | "none";

const askedForUsage = (request: RecordedRequest) =>
  (request.body as { stream_options?: { include_usage?: unknown } } | undefined)?.stream_options
    ?.include_usage === true;

const openAIUsage = (c: Counts) => ({
  prompt_tokens: c.input,
  completion_tokens: c.output,
  total_tokens: c.input + c.output,
  ...(c.cached !== undefined ? { prompt_tokens_details: { cached_tokens: c.cached } } : {}),
  ...(c.reasoning !== undefined
    ? { completion_tokens_details: { reasoning_tokens: c.reasoning } }
    : {}),
});

const SHAPES: Readonly<Record<OpenAICompatibleVendor, Shape>> = {
  // https://api-docs.deepseek.com/api/create-chat-completion: the cache in its own fields.
  deepseek: {
    usage: (c) => ({
      ...openAIUsage(c),
      prompt_tokens_details: { cached_tokens: c.cached ?? 0 },
      prompt_cache_hit_tokens: c.cached ?? 0,
      prompt_cache_miss_tokens: c.input - (c.cached ?? 0),
    }),
    streamUsage: (request) => (askedForUsage(request) ? "usage-chunk" : "none"),
    extra: { system_fingerprint: "fp_sim_deepseek" },
  },
  // Groq: timings beside the counts; a stream's usage only under x_groq, on the finish chunk.
  groq: {
    usage: (c) => ({
      queue_time: 0.02,
      prompt_tokens: c.input,
      prompt_time: 0.003,
      completion_tokens: c.output,
      completion_time: 0.06,
      total_tokens: c.input + c.output,
      total_time: 0.063,
      ...(c.cached !== undefined ? { prompt_tokens_details: { cached_tokens: c.cached } } : {}),
    }),
    streamUsage: () => "x-groq",
    extra: { x_groq: { id: "req_sim_groq" } },
  },
  // xAI: reasoning beside completion_tokens (in total_tokens), and the bill in ticks.
  xai: {
    usage: (c, options) => {
      const reasoning = c.reasoning ?? 0;
      const completion = c.output - reasoning;
      return {
        prompt_tokens: c.input,
        completion_tokens: completion,
        total_tokens: c.input + completion + reasoning,
        prompt_tokens_details: {
          text_tokens: c.input,
          audio_tokens: 0,
          image_tokens: 0,
          cached_tokens: c.cached ?? 0,
        },
        completion_tokens_details: {
          reasoning_tokens: reasoning,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
        num_sources_used: 0,
        ...(options.costUsd !== undefined
          ? { cost_in_usd_ticks: Math.round(options.costUsd * 1e10) }
          : {}),
      };
    },
    streamUsage: (request) => (askedForUsage(request) ? "usage-chunk" : "none"),
    extra: { system_fingerprint: "fp_sim_xai" },
  },
  // Together: usage on the finish chunk, asked or not; `eos` for a natural end.
  together: {
    usage: (c) => openAIUsage(c),
    streamUsage: () => "finish-chunk",
    defaultFinishReason: "eos",
  },
  // Mistral: usage on the finish chunk; fields it does not define are a 422.
  mistral: {
    usage: (c) => openAIUsage(c),
    streamUsage: () => "finish-chunk",
    reject: (request) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const extra = ["stream_options", "max_completion_tokens"].find((key) => key in body);
      return extra ? mistralExtraForbidden(extra, body[extra]) : undefined;
    },
  },
  // Fireworks: usage on the finish chunk, asked or not.
  fireworks: {
    usage: (c) => openAIUsage(c),
    streamUsage: () => "finish-chunk",
  },
  ollama: localServer(),
  vllm: localServer(),
  lmstudio: localServer(),
};

function localServer(): Shape {
  return {
    usage: (c) => openAIUsage(c),
    streamUsage: (request, options) =>
      options.streamsUsage === true && askedForUsage(request) ? "usage-chunk" : "none",
  };
}

/** Mistral's validation error (HTTP 422), as its API returns it. */
function mistralExtraForbidden(field: string, input: unknown): RawFault {
  return {
    fault: "raw",
    status: 422,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      object: "error",
      message: {
        detail: [
          {
            type: "extra_forbidden",
            loc: ["body", field],
            msg: "Extra inputs are not permitted",
            input,
          },
        ],
      },
      type: "invalid_request_error",
      param: null,
      code: null,
    }),
  };
}

/**
 * A step for `sim.script("openai", vendorReply("groq", { … }))`: answers the request the way that
 * vendor does, JSON or server-sent events depending on what the client asked for, through the
 * simulator's OpenAI endpoint (the one the openai SDK talks to).
 */
export function vendorReply(
  vendor: OpenAICompatibleVendor,
  options: VendorReplyOptions = {},
): ScriptStep {
  const shape = SHAPES[vendor];
  return (request) => {
    const rejected = shape.reject?.(request);
    if (rejected) return rejected;
    const text = options.text ?? "Hello from the llmc simulator.";
    const model = options.model ?? request.model ?? "unknown-model";
    const finishReason = options.finishReason ?? shape.defaultFinishReason ?? "stop";
    const reasoning = options.usage?.reasoningTokens;
    const counts: Counts = {
      input: options.usage?.inputTokens ?? 10,
      output: options.usage?.outputTokens ?? estimateTokens(text) + (reasoning ?? 0),
      cached: options.usage?.cachedInputTokens,
      reasoning,
    };
    const usage = shape.usage(counts, options);
    const head = { id: `chatcmpl-sim-${vendor}`, created: 1_780_000_000, model, ...shape.extra };
    if (!request.stream) {
      return json({
        ...head,
        object: "chat.completion",
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: text },
            logprobs: null,
            finish_reason: finishReason,
          },
        ],
        usage,
      });
    }
    const chunk = (choices: unknown[], more: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ ...head, object: "chat.completion.chunk", choices, ...more })}\n\n`;
    const placement = shape.streamUsage(request, options);
    const pieces = text.split(/(?<= )/);
    const finishExtra =
      placement === "finish-chunk"
        ? { usage }
        : placement === "x-groq"
          ? { x_groq: { id: "req_sim_groq", usage } }
          : {};
    return {
      fault: "raw",
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: [
        chunk([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]),
        ...pieces.map((piece) =>
          chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]),
        ),
        chunk([{ index: 0, delta: {}, finish_reason: finishReason }], finishExtra),
        ...(placement === "usage-chunk" ? [chunk([], { usage })] : []),
        "data: [DONE]\n\n",
      ],
    };
  };
}

function json(body: unknown): RawFault {
  return {
    fault: "raw",
    status: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  };
}
