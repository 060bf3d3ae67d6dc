import type { RequestContext } from "../protocol.js";
import { type ResolvedReply, splitIntoChunks } from "../resolve-reply.js";
import { toolCallId } from "../resolve-tool-calls.js";

/**
 * Tool calls and refusals in the Chat Completions shape (OpenAI and OpenRouter share it):
 * `message.tool_calls: [{ id, type: "function", function: { name, arguments } }]` and, in a
 * stream, `delta.tool_calls: [{ index, id?, type?, function: { name?, arguments } }]`.
 */

/** Whether the reply needs more than the plain-text message shape. */
export function hasToolCallsOrRefusal(reply: ResolvedReply): boolean {
  return reply.toolCalls.length > 0 || reply.refusal !== undefined;
}

/** `message.content`: null when the model only called tools or refused (as OpenAI sends it). */
export function messageContent(reply: ResolvedReply): string | null {
  return reply.text === "" && hasToolCallsOrRefusal(reply) ? null : reply.text;
}

export function messageToolCalls(
  reply: ResolvedReply,
  context: RequestContext,
): Record<string, unknown>[] {
  return reply.toolCalls.map((call, index) => ({
    id: toolCallId(call, context.sequence, index),
    type: "function",
    function: { name: call.name, arguments: call.arguments },
  }));
}

/**
 * The stream deltas after the text ones: refusal pieces, then per call one delta with id,
 * type, name and empty arguments, then one per arguments fragment — each call in turn, the
 * way OpenAI streams parallel calls.
 */
export function toolCallAndRefusalDeltas(
  reply: ResolvedReply,
  context: RequestContext,
): Record<string, unknown>[] {
  const deltas: Record<string, unknown>[] = [];
  if (reply.refusal !== undefined) {
    for (const piece of splitIntoChunks(reply.refusal)) deltas.push({ refusal: piece });
  }
  reply.toolCalls.forEach((call, index) => {
    deltas.push({
      tool_calls: [
        {
          index,
          id: toolCallId(call, context.sequence, index),
          type: "function",
          function: { name: call.name, arguments: "" },
        },
      ],
    });
    for (const piece of call.argumentChunks) {
      deltas.push({ tool_calls: [{ index, function: { arguments: piece } }] });
    }
  });
  return deltas;
}
