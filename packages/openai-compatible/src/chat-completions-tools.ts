import type { ChatMessage, PreparedRequest, RunConfig, ToolChoice } from "@llmc/core";
import type {
  ChatCompletionsBody,
  ChatCompletionsMessage,
} from "./build-chat-completions-request.js";

/**
 * The tool and structured-output parts of a Chat Completions request:
 * - `tools: [{ type: "function", function: { name, description, parameters, strict } }]`;
 * - `tool_choice`: `"auto" | "required" | "none"` or `{ type: "function", function: { name } }`;
 * - `response_format: { type: "json_schema", json_schema: { name, schema, strict } }`;
 * - an assistant turn's `toolCalls` as `tool_calls` (arguments as JSON text, `content` null
 *   when it said nothing) and a tool result as `{ role: "tool", tool_call_id, content }`.
 * With `strict`, the schemas are already in strict form (the adapter's `toWireSchema`).
 */

/** One core message on the wire. */
export function toChatCompletionsMessage(message: ChatMessage): ChatCompletionsMessage {
  if (message.role === "tool") {
    return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
  }
  if (
    message.role === "assistant" &&
    message.toolCalls !== undefined &&
    message.toolCalls.length > 0
  ) {
    return {
      role: "assistant",
      content: message.content === "" ? null : message.content,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: "function",
        function: { name: call.name, arguments: JSON.stringify(call.input ?? {}) },
      })),
    };
  }
  return { role: message.role, content: message.content };
}

function toolChoiceOnWire(choice: ToolChoice): ChatCompletionsBody["tool_choice"] {
  return typeof choice === "string"
    ? choice
    : { type: "function", function: { name: choice.tool } };
}

/** Adds `tools`, `tool_choice` and `response_format` when the call has them. */
export function addToolsAndResponseFormat<TConfig extends RunConfig>(
  body: ChatCompletionsBody,
  request: PreparedRequest<TConfig>,
  strict: boolean,
): void {
  const tools = request.tools;
  if (tools !== undefined && tools.length > 0) {
    body.tools = tools.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        description: tool.description,
        parameters: tool.inputSchema,
        ...(strict ? { strict: true } : {}),
      },
    }));
    if (request.toolChoice !== undefined) body.tool_choice = toolChoiceOnWire(request.toolChoice);
  }
  const schema = request.responseSchema;
  if (schema !== undefined) {
    body.response_format = {
      type: "json_schema",
      json_schema: {
        name: schema.name,
        schema: schema.jsonSchema,
        ...(strict ? { strict: true } : {}),
      },
    };
  }
}
