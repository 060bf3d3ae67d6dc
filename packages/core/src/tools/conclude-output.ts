import type { FinishReason } from "../adapter/finish-reason.js";
import type { PreparedRequest, ProviderResponse } from "../adapter/provider-call.js";
import { LLMRefusalError } from "../errors/provider-errors.js";
import { parseObject } from "../structured/parse-object.js";
import { type ProviderToolCall, parseToolCall, type ToolCallContext } from "./parse-tool-calls.js";
import type { ToolCall } from "./tool.js";
import type { SchemaUse } from "./tool-spec.js";

export interface ConcludedOutput {
  readonly toolCalls: readonly ToolCall[];
  readonly object: unknown;
  readonly finishReason: FinishReason;
}

interface ConcludeContext {
  readonly provider: string;
  readonly fromWire: (value: unknown, use: SchemaUse) => unknown;
}

const NO_CALLS: readonly ToolCall[] = Object.freeze([]);

/**
 * What core makes of an answer the provider billed: a refusal is an `LLMRefusalError`; tool
 * calls are parsed and validated (`streamed` holds those a stream already validated, in
 * order); a finish the provider reports as a plain stop becomes `tool-calls` when the model
 * called tools (Gemini says `STOP`); with a schema and no tool calls, the text is the object.
 */
export function concludeOutput(
  response: ProviderResponse,
  request: PreparedRequest,
  context: ConcludeContext,
  streamed?: readonly ToolCall[],
): ConcludedOutput {
  if (response.refusal !== undefined) {
    throw new LLMRefusalError(`The model refused to answer: ${response.refusal}`, {
      provider: context.provider,
      refusal: response.refusal,
      usage: response.usage,
    });
  }
  const raw: readonly ProviderToolCall[] = response.toolCalls ?? [];
  const callContext: ToolCallContext = {
    provider: context.provider,
    model: request.model,
    tools: request.config.tools,
    fromWire: context.fromWire,
  };
  const toolCalls =
    streamed ?? (raw.length === 0 ? NO_CALLS : raw.map((call) => parseToolCall(call, callContext)));
  let finishReason = response.finishReason;
  if (toolCalls.length > 0 && (finishReason.kind === "stop" || finishReason.kind === "unknown")) {
    finishReason = { kind: "tool-calls", raw: finishReason.raw };
  }
  const object =
    request.responseSchema !== undefined && toolCalls.length === 0
      ? parseObject(response.text, request.responseSchema, finishReason, {
          provider: context.provider,
          model: request.model,
          fromWire: context.fromWire,
        })
      : undefined;
  return { toolCalls, object, finishReason };
}
