import { paddedSequence } from "../ids.js";
import { messageContent, messageToolCalls } from "../openai/openai-tool-calls.js";
import type { RequestContext } from "../protocol.js";
import type { ResolvedReply } from "../resolve-reply.js";
import { toOpenRouterUsage } from "./openrouter-usage.js";

export const OPENROUTER_DEFAULT_UPSTREAM = "Simulator";

/** OpenRouter ids are generation ids (`gen-…`), also sent as the `X-Generation-Id` header. */
export function openRouterGenerationId(context: RequestContext): string {
  return `gen-${context.createdSeconds}-sim${paddedSequence(context.sequence)}`;
}

export function upstreamProvider(reply: ResolvedReply): string {
  return reply.step.upstreamProvider ?? OPENROUTER_DEFAULT_UPSTREAM;
}

function openRouterMessage(reply: ResolvedReply, context: RequestContext): Record<string, unknown> {
  const message: Record<string, unknown> = {
    role: "assistant",
    content: messageContent(reply),
    refusal: reply.refusal ?? null,
    reasoning: null,
  };
  if (reply.toolCalls.length > 0) message.tool_calls = messageToolCalls(reply, context);
  return message;
}

/** A chat.completion shaped like `openrouter-chat.nonstream.cost-cached.json`. */
export function openRouterChatCompletion(reply: ResolvedReply, context: RequestContext): string {
  return JSON.stringify({
    id: openRouterGenerationId(context),
    provider: upstreamProvider(reply),
    model: reply.model,
    object: "chat.completion",
    created: context.createdSeconds,
    choices: [
      {
        logprobs: null,
        finish_reason: reply.finishReason,
        native_finish_reason: reply.step.nativeFinishReason ?? reply.finishReason,
        index: 0,
        message: openRouterMessage(reply, context),
      },
    ],
    system_fingerprint: null,
    usage: toOpenRouterUsage(reply.usage, reply.step.costUsd),
  });
}
