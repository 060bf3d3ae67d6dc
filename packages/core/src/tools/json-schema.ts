import type { z } from "zod";
import { loadZod } from "../config/lazy-zod.js";
import { LLMConfigError } from "../errors/provider-errors.js";

/** A JSON Schema document, as `z.toJSONSchema` makes it. */
export type JsonSchema = Readonly<Record<string, unknown>>;

const cache = new WeakMap<object, JsonSchema>();

/**
 * The JSON Schema sent for a zod schema: its *input* side (what the model must write, so a
 * `.default()` field is optional and a transform's input type is described), draft 2020-12,
 * without the `$schema` marker (providers do not need it; some reject unknown keywords). Cached
 * per schema, since tools are reused across calls. A schema JSON Schema cannot express (a
 * `z.custom`, a function, a bigint) is a config error naming where it is used.
 */
export function toJsonSchema(schema: z.ZodType, where: string): JsonSchema {
  let json = cache.get(schema);
  if (json === undefined) {
    let generated: Record<string, unknown>;
    try {
      generated = loadZod().toJSONSchema(schema, { io: "input", unrepresentable: "throw" });
    } catch (error) {
      throw new LLMConfigError(
        `The zod schema of ${where} cannot be sent as JSON Schema: ${(error as Error)?.message ?? String(error)}. ` +
          "Describe the data with plain zod types (objects, strings, numbers, enums, arrays).",
        { field: where.startsWith("tool") ? "tools" : "schema", cause: error },
      );
    }
    const { $schema: _marker, ...rest } = generated;
    json = Object.freeze(rest);
    cache.set(schema, json);
  }
  return json;
}
