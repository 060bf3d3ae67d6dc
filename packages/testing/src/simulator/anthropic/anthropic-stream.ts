import type { RequestContext, StreamScript } from "../protocol.js";
import type { ResolvedReply } from "../resolve-reply.js";
import { SSE_HEADERS, sseEvent } from "../sse.js";
import { anthropicMessageId } from "./anthropic-response.js";
import { anthropicToolUseDeltas } from "./anthropic-tool-use.js";
import { toAnthropicUsage, uncachedInputTokens } from "./anthropic-usage.js";

/** The recorded streams report a small `output_tokens` in message_start. */
const START_OUTPUT_TOKENS = 1;

/**
 * A Messages stream like `anthropic-messages.stream.jsonl`, always with `event:` lines:
 * message_start, content_block_start, ping, one text_delta per delta, content_block_stop,
 * message_delta (stop_reason + cumulative usage, input counts restated), message_stop.
 */
export function anthropicStream(
  reply: ResolvedReply,
  context: RequestContext,
  headers: Readonly<Record<string, string>>,
): StreamScript {
  const messageStart = {
    type: "message_start",
    message: {
      model: reply.model,
      id: anthropicMessageId(context),
      type: "message",
      role: "assistant",
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: toAnthropicUsage(reply.usage, Math.min(START_OUTPUT_TOKENS, reply.usage.outputTokens)),
    },
  };
  // A reply of tool calls alone opens no text block (as Anthropic streams it).
  const textBlock = reply.text !== "" || reply.toolCalls.length === 0;
  const toolDeltas = anthropicToolUseDeltas(reply, context, textBlock ? 1 : 0);
  const lastIndex = (textBlock ? 1 : 0) + reply.toolCalls.length - 1;
  return {
    headers: { ...SSE_HEADERS, ...headers },
    prefix: [
      sseEvent("message_start", messageStart),
      ...(textBlock
        ? [
            sseEvent("content_block_start", {
              type: "content_block_start",
              index: 0,
              content_block: { type: "text", text: "" },
            }),
          ]
        : []),
      sseEvent("ping", { type: "ping" }),
    ],
    deltas: [
      ...reply.chunks.map((text) =>
        sseEvent("content_block_delta", {
          type: "content_block_delta",
          index: 0,
          delta: { type: "text_delta", text },
        }),
      ),
      ...toolDeltas,
    ],
    suffix: [
      sseEvent("content_block_stop", { type: "content_block_stop", index: lastIndex }),
      sseEvent("message_delta", {
        type: "message_delta",
        delta: { stop_reason: reply.finishReason, stop_sequence: null },
        usage: {
          input_tokens: uncachedInputTokens(reply.usage),
          cache_creation_input_tokens: reply.usage.cacheWriteTokens,
          cache_read_input_tokens: reply.usage.cachedInputTokens,
          output_tokens: reply.usage.outputTokens,
        },
      }),
      sseEvent("message_stop", { type: "message_stop" }),
    ],
  };
}
