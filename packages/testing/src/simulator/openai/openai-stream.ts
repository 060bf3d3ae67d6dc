import type { RequestContext, StreamScript } from "../protocol.js";
import type { ResolvedReply } from "../resolve-reply.js";
import { SSE_DONE, SSE_HEADERS, sseData } from "../sse.js";
import { OPENAI_SYSTEM_FINGERPRINT, openAICompletionId } from "./openai-response.js";
import { messageContent, toolCallAndRefusalDeltas } from "./openai-tool-calls.js";
import { toOpenAIUsage } from "./openai-usage.js";

/**
 * A Chat Completions stream as OpenAI sends it: a role chunk, one chunk per delta, a chunk
 * with `finish_reason`, then — only with `stream_options.include_usage` — a `choices: []`
 * chunk carrying usage, and `data: [DONE]`. With include_usage every other chunk has
 * `"usage": null`; without it the key is absent (SDK doc on `ChatCompletionChunk.usage`).
 */
export function openAIStream(
  reply: ResolvedReply,
  context: RequestContext,
  headers: Readonly<Record<string, string>>,
): StreamScript {
  const includeUsage = context.request.includeUsage;
  const id = openAICompletionId(context);
  const chunk = (choices: unknown[], usage?: unknown): string => {
    const payload: Record<string, unknown> = {
      id,
      object: "chat.completion.chunk",
      created: context.createdSeconds,
      model: reply.model,
      service_tier: "default",
      system_fingerprint: OPENAI_SYSTEM_FINGERPRINT,
      choices,
    };
    if (includeUsage) payload.usage = usage ?? null;
    return sseData(payload);
  };
  const choice = (delta: Record<string, unknown>, finishReason: string | null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finishReason,
  });
  const suffix = [chunk([choice({}, reply.finishReason)])];
  if (includeUsage) suffix.push(chunk([], toOpenAIUsage(reply.usage)));
  suffix.push(SSE_DONE);
  return {
    headers: { ...SSE_HEADERS, ...headers },
    prefix: [
      // content "" as recorded; null when the reply is only tool calls or a refusal.
      chunk([
        choice(
          { role: "assistant", content: messageContent(reply) === null ? null : "", refusal: null },
          null,
        ),
      ]),
    ],
    deltas: [
      ...reply.chunks.map((text) => chunk([choice({ content: text }, null)])),
      ...toolCallAndRefusalDeltas(reply, context).map((delta) => chunk([choice(delta, null)])),
    ],
    suffix,
  };
}
