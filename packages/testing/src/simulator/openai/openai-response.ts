import { paddedSequence } from "../ids.js";
import type { RequestContext } from "../protocol.js";
import type { ResolvedReply } from "../resolve-reply.js";
import { hasToolCallsOrRefusal, messageContent, messageToolCalls } from "./openai-tool-calls.js";
import { toOpenAIUsage } from "./openai-usage.js";

export const OPENAI_SYSTEM_FINGERPRINT = "fp_llmcsim";

export function openAICompletionId(context: RequestContext): string {
  return `chatcmpl-sim${paddedSequence(context.sequence)}`;
}

/** A `chat.completion` object shaped like `openai-chat.nonstream.json`. */
export function openAIChatCompletionObject(
  reply: ResolvedReply,
  context: RequestContext,
): Record<string, unknown> {
  return {
    id: openAICompletionId(context),
    object: "chat.completion",
    created: context.createdSeconds,
    model: reply.model,
    choices: [
      {
        index: 0,
        message: openAIMessage(reply, context),
        logprobs: null,
        finish_reason: reply.finishReason,
      },
    ],
    usage: toOpenAIUsage(reply.usage),
    service_tier: "default",
    system_fingerprint: OPENAI_SYSTEM_FINGERPRINT,
  };
}

function openAIMessage(reply: ResolvedReply, context: RequestContext): Record<string, unknown> {
  const message: Record<string, unknown> = { role: "assistant", content: messageContent(reply) };
  if (reply.toolCalls.length > 0) message.tool_calls = messageToolCalls(reply, context);
  message.refusal = reply.refusal ?? null;
  message.annotations = [];
  return message;
}

/**
 * The same object serialized by a template: this is the benchmarked hot path, and a template
 * costs ~1 µs where `JSON.stringify` of the object costs ~7 µs. Only variable parts go through
 * `JSON.stringify`; a test checks that both forms parse to the same value.
 */
export function openAIChatCompletion(reply: ResolvedReply, context: RequestContext): string {
  // Tool calls and refusals are off the benchmarked path: serialize the object.
  if (hasToolCallsOrRefusal(reply))
    return JSON.stringify(openAIChatCompletionObject(reply, context));
  const usage = reply.usage;
  const cacheWrite =
    usage.cacheWriteTokens > 0 ? `,"cache_write_tokens":${usage.cacheWriteTokens}` : "";
  return (
    `{"id":"${openAICompletionId(context)}","object":"chat.completion","created":${context.createdSeconds},` +
    `"model":${JSON.stringify(reply.model)},"choices":[{"index":0,"message":{"role":"assistant",` +
    `"content":${JSON.stringify(reply.text)},"refusal":null,"annotations":[]},"logprobs":null,` +
    `"finish_reason":${JSON.stringify(reply.finishReason)}}],"usage":{"prompt_tokens":${usage.inputTokens},` +
    `"completion_tokens":${usage.outputTokens},"total_tokens":${usage.inputTokens + usage.outputTokens},` +
    `"prompt_tokens_details":{"cached_tokens":${usage.cachedInputTokens},"audio_tokens":0${cacheWrite}},` +
    `"completion_tokens_details":{"reasoning_tokens":${usage.reasoningTokens},"audio_tokens":0,` +
    `"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default",` +
    `"system_fingerprint":"${OPENAI_SYSTEM_FINGERPRINT}"}`
  );
}
