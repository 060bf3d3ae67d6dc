import type { z } from "zod";
import type { JsonSchema } from "./json-schema.js";
import type { ToolChoice } from "./tool.js";

/** A tool as an adapter sends it: its name, description and input as JSON Schema. */
export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  /** The input's JSON Schema, after the adapter's `toWireSchema` hook. */
  readonly inputSchema: JsonSchema;
}

/** The schema of a structured answer (`RunConfig.schema`) as an adapter sends it. */
export interface ResponseSchemaSpec {
  /** A name for providers that want one (OpenAI `json_schema.name`): `"response"` unless the schema's `.meta({ id })` gives another. */
  readonly name: string;
  /** The answer's JSON Schema, after the adapter's `toWireSchema` hook. */
  readonly jsonSchema: JsonSchema;
  /** The zod schema core validates the answer with. */
  readonly zod: z.ZodType;
}

/**
 * Where a JSON Schema is used, for the adapter hooks `toWireSchema` (what to send) and
 * `fromWireValue` (map a reply back before zod validates it, e.g. OpenAI strict mode's
 * `null` for an optional field → absent).
 */
export interface SchemaUse {
  readonly kind: "tool" | "response";
  /** The tool's name, or the response schema's. */
  readonly name: string;
  /** The model the call is for (schema support differs by model). */
  readonly model: string;
  /** The JSON Schema as zod produced it, before `toWireSchema`. */
  readonly jsonSchema: JsonSchema;
}

export type { ToolChoice };
