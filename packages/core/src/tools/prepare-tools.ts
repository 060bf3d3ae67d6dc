import type { AdapterCapabilities } from "../adapter/capabilities.js";
import type { ChatMessage } from "../config/prompt.js";
import type { RunConfig } from "../config/run-config.js";
import { LLMConfigError } from "../errors/provider-errors.js";
import { type JsonSchema, toJsonSchema } from "./json-schema.js";
import { TOOL_NAME_PATTERN } from "./tool.js";
import type { ResponseSchemaSpec, SchemaUse, ToolChoice, ToolSpec } from "./tool-spec.js";

export interface PreparedTools {
  readonly tools: readonly ToolSpec[] | undefined;
  readonly toolChoice: ToolChoice | undefined;
  readonly responseSchema: ResponseSchemaSpec | undefined;
}

interface PrepareContext {
  readonly provider: string;
  readonly adapterName: string;
  readonly capabilities: AdapterCapabilities;
  /** The adapter's `toWireSchema` hook. */
  readonly toWire: (schema: JsonSchema, use: SchemaUse) => JsonSchema;
}

const NONE: PreparedTools = Object.freeze({
  tools: undefined,
  toolChoice: undefined,
  responseSchema: undefined,
});

function usesToolMessages(messages: readonly ChatMessage[]): boolean {
  return messages.some(
    (message) =>
      message.role === "tool" ||
      (message.role === "assistant" && (message.toolCalls?.length ?? 0) > 0),
  );
}

/** Every tool result must answer a call an earlier assistant turn made (providers match them by id). */
function checkToolResults(messages: readonly ChatMessage[], provider: string): void {
  const calls = new Set<string>();
  messages.forEach((message, index) => {
    if (message.role === "assistant")
      for (const call of message.toolCalls ?? []) calls.add(call.id);
    if (message.role === "tool" && !calls.has(message.toolCallId)) {
      throw new LLMConfigError(
        `Message ${index} is a tool result for call "${message.toolCallId}", but no earlier ` +
          "assistant message made that call: push the assistant turn with `toolCalls: result.toolCalls` before the results.",
        { provider, field: `prompt.${index}.toolCallId` },
      );
    }
  });
}

/**
 * Checks a call's tools, tool choice and schema against each other and the adapter, and turns
 * them into what the provider hook sends: JSON Schema (through the adapter's `toWireSchema`).
 */
export function prepareTools(
  config: RunConfig,
  messages: readonly ChatMessage[],
  context: PrepareContext,
): PreparedTools {
  const { provider, adapterName, capabilities } = context;
  const toolEntries = config.tools ? Object.entries(config.tools) : [];
  const toolMessages = usesToolMessages(messages);
  if (
    (toolEntries.length > 0 || config.toolChoice !== undefined || toolMessages) &&
    !capabilities.tools
  ) {
    throw new LLMConfigError(
      `${adapterName} cannot send tools or tool messages to ${provider}. Use an adapter whose ` +
        "capabilities include tools, or leave out `tools`, `toolChoice` and tool turns.",
      { provider, field: "tools" },
    );
  }
  if (config.schema !== undefined && !capabilities.structuredOutput) {
    throw new LLMConfigError(
      `${adapterName} cannot ask ${provider} for structured output: leave out \`schema\` and ` +
        "parse the text yourself, or use an adapter that supports it.",
      { provider, field: "schema" },
    );
  }
  if (toolMessages) checkToolResults(messages, provider);
  for (const [name] of toolEntries) {
    if (!TOOL_NAME_PATTERN.test(name)) {
      throw new LLMConfigError(
        `Invalid tool name "${name}": tool names must be 1–64 letters, digits, \`_\` or \`-\`, ` +
          "not starting with a digit or `-` (what every provider accepts).",
        { provider, field: `tools.${name}` },
      );
    }
  }
  if (toolEntries.length === 0 && config.schema === undefined) {
    if (config.toolChoice === "required" || typeof config.toolChoice === "object") {
      throw new LLMConfigError(
        `\`toolChoice: ${JSON.stringify(config.toolChoice)}\` needs \`tools\` to choose from.`,
        { provider, field: "toolChoice" },
      );
    }
    return NONE;
  }
  const choice = config.toolChoice;
  if (typeof choice === "object" && !toolEntries.some(([name]) => name === choice.tool)) {
    throw new LLMConfigError(
      `\`toolChoice\` names tool "${choice.tool}", which is not in \`tools\` (${toolEntries.map(([name]) => name).join(", ") || "none"}).`,
      { provider, field: "toolChoice" },
    );
  }
  if (toolEntries.length === 0 && (choice === "required" || typeof choice === "object")) {
    throw new LLMConfigError(`\`toolChoice: "required"\` needs \`tools\` to choose from.`, {
      provider,
      field: "toolChoice",
    });
  }
  const tools =
    toolEntries.length === 0
      ? undefined
      : toolEntries.map(([name, tool]): ToolSpec => {
          const jsonSchema = toJsonSchema(tool.input, `tool "${name}"`);
          const use: SchemaUse = { kind: "tool", name, model: config.model, jsonSchema };
          return {
            name,
            description: tool.description,
            inputSchema: context.toWire(jsonSchema, use),
          };
        });
  let responseSchema: ResponseSchemaSpec | undefined;
  if (config.schema !== undefined) {
    const jsonSchema = toJsonSchema(config.schema, "the response schema");
    const id = (config.schema.meta?.() as { id?: unknown } | undefined)?.id;
    const name = typeof id === "string" && /^[a-zA-Z0-9_-]{1,64}$/.test(id) ? id : "response";
    const use: SchemaUse = { kind: "response", name, model: config.model, jsonSchema };
    responseSchema = { name, jsonSchema: context.toWire(jsonSchema, use), zod: config.schema };
  }
  return { tools, toolChoice: tools ? choice : undefined, responseSchema };
}
