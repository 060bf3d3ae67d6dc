import { paddedSequence } from "../ids.js";
import type { RequestContext } from "../protocol.js";
import type { ResolvedReply } from "../resolve-reply.js";
import { anthropicContent } from "./anthropic-tool-use.js";
import { toAnthropicUsage } from "./anthropic-usage.js";

export function anthropicMessageId(context: RequestContext): string {
  return `msg_sim${paddedSequence(context.sequence, 17)}`;
}

/** A `message` object shaped like `anthropic-messages.nonstream.json`. */
export function anthropicMessage(reply: ResolvedReply, context: RequestContext): string {
  return JSON.stringify({
    model: reply.model,
    id: anthropicMessageId(context),
    type: "message",
    role: "assistant",
    content: anthropicContent(reply, context),
    stop_reason: reply.finishReason,
    stop_sequence: null,
    usage: toAnthropicUsage(reply.usage),
  });
}
