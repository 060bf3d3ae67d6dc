import { LLMInvalidResponseError } from "../errors/provider-errors.js";
import { describeIssues } from "./describe-issues.js";
import { toJsonSchema } from "./json-schema.js";
import { markRepairable } from "./repairable.js";
import type { ToolCall, ToolSet } from "./tool.js";
import type { SchemaUse } from "./tool-spec.js";

/** A tool call as a provider hook reports it: arguments still raw (JSON text or a parsed value). */
export interface ProviderToolCall {
  readonly id: string;
  readonly name: string;
  /** OpenAI sends JSON text; Gemini an object. Either is parsed, mapped back and validated. */
  readonly arguments: string | unknown;
  /** Provider state to keep with the call (Gemini `thoughtSignature`); copied to `ToolCall`. */
  readonly providerMetadata?: Readonly<Record<string, unknown>> | undefined;
}

export interface ToolCallContext {
  readonly provider: string;
  readonly model: string;
  readonly tools: ToolSet | undefined;
  /** The adapter's `fromWireValue` hook. */
  readonly fromWire: (value: unknown, use: SchemaUse) => unknown;
}

function rawArguments(args: unknown): string {
  if (typeof args === "string") return args;
  try {
    return JSON.stringify(args) ?? String(args);
  } catch {
    return String(args);
  }
}

/**
 * Turns one reported call into a {@link ToolCall}: the tool must exist, its arguments must be
 * JSON (an empty string counts as `{}`: some providers send that for a tool without inputs)
 * and must pass the tool's zod schema (whose output, defaults and transforms applied, becomes
 * `input`). Anything else is an `LLMInvalidResponseError` naming the tool, with the raw text.
 */
export function parseToolCall(call: ProviderToolCall, context: ToolCallContext): ToolCall {
  const { provider } = context;
  const rawText = rawArguments(call.arguments);
  const tool =
    context.tools && Object.hasOwn(context.tools, call.name) ? context.tools[call.name] : undefined;
  if (tool === undefined) {
    const known = context.tools ? Object.keys(context.tools).join(", ") : "";
    throw markRepairable(
      new LLMInvalidResponseError(
        `The model called a tool named "${call.name}", which this call did not offer` +
          (known ? ` (it offered: ${known}).` : " (it offered none)."),
        { provider, rawText, toolName: call.name },
      ),
    );
  }
  let value: unknown = call.arguments;
  if (typeof value === "string") {
    try {
      value = value.trim() === "" ? {} : JSON.parse(value);
    } catch (error) {
      throw markRepairable(
        new LLMInvalidResponseError(
          `The model's arguments for tool "${call.name}" are not valid JSON: ${(error as Error).message}`,
          { provider, rawText, toolName: call.name, issues: [] },
        ),
      );
    }
  }
  const use: SchemaUse = {
    kind: "tool",
    name: call.name,
    model: context.model,
    jsonSchema: toJsonSchema(tool.input, `tool "${call.name}"`),
  };
  const parsed = tool.input.safeParse(context.fromWire(value, use));
  if (!parsed.success) {
    throw markRepairable(
      new LLMInvalidResponseError(
        `The model's arguments for tool "${call.name}" do not match its input schema: ` +
          describeIssues(parsed.error.issues),
        { provider, rawText, toolName: call.name, issues: parsed.error.issues },
      ),
    );
  }
  return call.providerMetadata
    ? { id: call.id, name: call.name, input: parsed.data, providerMetadata: call.providerMetadata }
    : { id: call.id, name: call.name, input: parsed.data };
}
