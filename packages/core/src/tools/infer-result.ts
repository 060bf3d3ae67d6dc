import type { z } from "zod";
import type { ToolSet } from "./tool.js";

/**
 * `result.object`'s type for a call: `z.output` of its `schema` (possibly `undefined` when it
 * also offers tools: a turn may call them instead), `undefined` without a schema, `unknown`
 * when the config's type does not say.
 */
export type ObjectFor<TSchema, TTools> = [TSchema] extends [undefined]
  ? undefined
  : [TSchema] extends [z.ZodType]
    ? [TTools] extends [undefined]
      ? z.output<TSchema>
      : [TTools] extends [ToolSet]
        ? z.output<TSchema> | undefined
        : z.output<TSchema> | undefined
    : unknown;
