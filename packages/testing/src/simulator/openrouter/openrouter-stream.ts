import { toolCallAndRefusalDeltas } from "../openai/openai-tool-calls.js";
import type { RequestContext, StreamScript } from "../protocol.js";
import type { ResolvedReply } from "../resolve-reply.js";
import { SSE_DONE, SSE_HEADERS, sseComment, sseData } from "../sse.js";
import type { MidstreamErrorFault } from "../types.js";
import { openRouterGenerationId, upstreamProvider } from "./openrouter-response.js";
import { toOpenRouterUsage } from "./openrouter-usage.js";

/** OpenRouter's keep-alive comment while the upstream model is still thinking. */
export const OPENROUTER_PROCESSING = sseComment("OPENROUTER PROCESSING");

function chunkFactory(reply: ResolvedReply, context: RequestContext) {
  const base = {
    id: openRouterGenerationId(context),
    provider: upstreamProvider(reply),
    model: reply.model,
    object: "chat.completion.chunk",
    created: context.createdSeconds,
  };
  return (extra: Record<string, unknown>): string => sseData({ ...base, ...extra });
}

function choice(content: string, finishReason: string | null, nativeFinishReason: string | null) {
  return {
    index: 0,
    delta: { role: "assistant", content },
    finish_reason: finishReason,
    native_finish_reason: nativeFinishReason,
    logprobs: null,
  };
}

/**
 * Like `openrouter-chat.stream.cost.raw.sse`: keep-alive comments, one chunk per delta, a
 * finish chunk, then — always, `stream_options` or not — a `choices: []` chunk with usage and
 * cost, then `data: [DONE]`.
 */
export function openRouterStream(
  reply: ResolvedReply,
  context: RequestContext,
  headers: Readonly<Record<string, string>>,
): StreamScript {
  const chunk = chunkFactory(reply, context);
  const native = reply.step.nativeFinishReason ?? reply.finishReason;
  return {
    headers: { ...SSE_HEADERS, ...headers },
    prefix: [OPENROUTER_PROCESSING, OPENROUTER_PROCESSING],
    deltas: [
      ...reply.chunks.map((text) => chunk({ choices: [choice(text, null, null)] })),
      ...toolCallAndRefusalDeltas(reply, context).map((delta) =>
        chunk({
          choices: [
            { ...choice("", null, null), delta: { role: "assistant", content: "", ...delta } },
          ],
        }),
      ),
    ],
    suffix: [
      chunk({ choices: [choice("", reply.finishReason, native)] }),
      chunk({ choices: [], usage: toOpenRouterUsage(reply.usage, reply.step.costUsd) }),
      SSE_DONE,
    ],
  };
}

/**
 * Like `openrouter-chat.stream.midstream-error.raw.sse`: on HTTP 200, a chunk with a top-level
 * `error: { code, message }` **and** `usage`, then `[DONE]`. `finish_reason: "error"` follows
 * openrouter.ai/docs (the recording shows null; SDKs read neither).
 */
export function openRouterMidstreamError(
  fault: MidstreamErrorFault,
  sent: ResolvedReply,
  context: RequestContext,
): string[] {
  const chunk = chunkFactory(sent, context);
  return [
    chunk({
      error: {
        code: fault.code ?? 502,
        message: fault.message ?? "Provider disconnected unexpectedly",
      },
      choices: [choice("", "error", null)],
      usage: toOpenRouterUsage(sent.usage, sent.step.costUsd),
    }),
    SSE_DONE,
  ];
}
