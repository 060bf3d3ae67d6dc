import type { RequestContext } from "../protocol.js";
import type { ResolvedReply } from "../resolve-reply.js";
import { type ResolvedToolCall, toolCallId } from "../resolve-tool-calls.js";
import { sseEvent } from "../sse.js";

/**
 * Tool calls as Anthropic sends them: `tool_use` content blocks `{ id: "toolu_…", name, input }`
 * after the text block, `stop_reason: "tool_use"`; streamed as `content_block_start` with
 * `input: {}`, then `input_json_delta` pieces of the arguments, then `content_block_stop`.
 */

export function anthropicToolUseId(
  call: ResolvedToolCall,
  context: RequestContext,
  index: number,
): string {
  return call.id ?? toolCallId(call, context.sequence, index).replace(/^call_/, "toolu_");
}

/** Non-streamed `content`: the text block (when there is text) and one block per call. */
export function anthropicContent(reply: ResolvedReply, context: RequestContext): unknown[] {
  const content: unknown[] = reply.text === "" ? [] : [{ type: "text", text: reply.text }];
  reply.toolCalls.forEach((call, index) => {
    content.push({
      type: "tool_use",
      id: anthropicToolUseId(call, context, index),
      name: call.name,
      // validate-tool-calls.ts admits only arguments that parse as a JSON object here.
      input: JSON.parse(call.arguments),
    });
  });
  return content;
}

/**
 * Stream events of the tool-use blocks, one string per delta (so stream faults can strike
 * between them): the first of each call closes the block before and opens its own.
 */
export function anthropicToolUseDeltas(
  reply: ResolvedReply,
  context: RequestContext,
  firstIndex: number,
): string[] {
  const events: string[] = [];
  reply.toolCalls.forEach((call, offset) => {
    const index = firstIndex + offset;
    const close =
      index > 0
        ? sseEvent("content_block_stop", { type: "content_block_stop", index: index - 1 })
        : "";
    events.push(
      close +
        sseEvent("content_block_start", {
          type: "content_block_start",
          index,
          content_block: {
            type: "tool_use",
            id: anthropicToolUseId(call, context, offset),
            name: call.name,
            input: {},
          },
        }),
    );
    for (const piece of call.argumentChunks) {
      events.push(
        sseEvent("content_block_delta", {
          type: "content_block_delta",
          index,
          delta: { type: "input_json_delta", partial_json: piece },
        }),
      );
    }
  });
  return events;
}
