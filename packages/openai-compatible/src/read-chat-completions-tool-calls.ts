import type { ProviderToolCall } from "@llmc/core";
import type { WireObject, WireReader } from "./wire-reader.js";

/** `message.tool_calls` of a response: complete calls, arguments as the JSON text sent. */
export function readMessageToolCalls(
  message: WireObject | undefined,
  reader: WireReader,
): ProviderToolCall[] | undefined {
  const calls = reader.array(message?.tool_calls, "message.tool_calls");
  if (calls === undefined || calls.length === 0) return undefined;
  const out: ProviderToolCall[] = [];
  calls.forEach((raw, index) => {
    const path = `message.tool_calls[${index}]`;
    const call = reader.require(reader.record(raw, path), path);
    const fn = reader.require(
      reader.record(call?.function, `${path}.function`),
      `${path}.function`,
    );
    const id = reader.require(reader.string(call?.id, `${path}.id`), `${path}.id`);
    const name = reader.require(
      reader.string(fn?.name, `${path}.function.name`),
      `${path}.function.name`,
    );
    const args = reader.string(fn?.arguments, `${path}.function.arguments`) ?? "";
    if (id !== undefined && name !== undefined) out.push({ id, name, arguments: args });
  });
  return out;
}

/** One `delta.tool_calls[]` fragment: `index`, and on its first fragment `id` and the name. */
export interface ToolCallDelta {
  readonly index: number;
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly arguments: string | undefined;
}

/** `delta.tool_calls` of a stream chunk. */
export function readToolCallDeltas(
  delta: WireObject | undefined,
  reader: WireReader,
): ToolCallDelta[] | undefined {
  const calls = reader.array(delta?.tool_calls, "delta.tool_calls");
  if (calls === undefined || calls.length === 0) return undefined;
  const out: ToolCallDelta[] = [];
  calls.forEach((raw, position) => {
    const path = `delta.tool_calls[${position}]`;
    const call = reader.record(raw, path);
    if (call === undefined) return;
    const fn = reader.record(call.function, `${path}.function`);
    // Some compatible servers leave `index` out when they send each call whole.
    const index = reader.count(call.index, `${path}.index`) ?? position;
    out.push({
      index,
      id: reader.string(call.id, `${path}.id`),
      name: reader.string(fn?.name, `${path}.function.name`),
      arguments: reader.string(fn?.arguments, `${path}.function.arguments`),
    });
  });
  return out;
}
