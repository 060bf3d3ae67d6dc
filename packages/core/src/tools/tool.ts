import type { z } from "zod";
import type { BudgetTracker } from "../budget/budget-tracker.js";
import { LLMConfigError } from "../errors/provider-errors.js";

/**
 * What a tool's `execute` receives besides its input. Core defines it; `@llmc/agent` fills it
 * when it runs a tool (core itself never executes tools: it returns the calls the model asked for).
 */
export interface ToolContext {
  /** Fires when the run is aborted or times out; pass it to whatever the tool awaits. */
  readonly signal: AbortSignal;
  /** The budget of the run that called the tool, when it has one. */
  readonly budget: BudgetTracker | undefined;
  /** The id of the call being answered (`ToolCall.id`). */
  readonly toolCallId: string;
  /** Charges money the tool spent (a paid API, say) to the run's budget, in USD. */
  charge(usd: number): void;
}

/**
 * A function-shaped type checked bivariantly, so that `Tool<typeof schemaA>` is still a
 * `Tool` (a set of tools with different inputs fits one `Record<string, Tool>`).
 */
type Bivariant<TArgs extends unknown[], TReturn> = {
  bivarianceHack(...args: TArgs): TReturn;
}["bivarianceHack"];

/** A function the model may call, described by a zod schema of its input. Made with {@link tool}. */
export interface Tool<TSchema extends z.ZodType = z.ZodType, TResult = unknown> {
  /** Tells the model what the tool does and when to call it. */
  readonly description: string;
  /** The input's schema: sent to the provider as JSON Schema, and used to validate each call. */
  readonly input: TSchema;
  /** What one call costs outside the model (a paid API), in USD, fixed or from the input. */
  readonly costUsd?: number | Bivariant<[input: z.output<TSchema>], number> | undefined;
  /** Runs the tool (`@llmc/agent` calls it); leave it out to run tools yourself. */
  readonly execute?:
    | Bivariant<[input: z.output<TSchema>, context: ToolContext], Promise<TResult> | TResult>
    | undefined;
}

/** Tools by the name the model calls them by. */
export type ToolSet = Readonly<Record<string, Tool>>;

/**
 * Which tools the model may or must call: `"auto"` (its choice, the default), `"required"`
 * (at least one), `"none"` (none, though they are described), or `{ tool }` (that one).
 */
export type ToolChoice = "auto" | "required" | "none" | { readonly tool: string };

/** One call the model asked for. `input` was parsed and validated by the tool's schema. */
export interface ToolCall<TName extends string = string, TInput = unknown> {
  /** The provider's id for the call (or one the adapter made up); a tool result names it. */
  readonly id: string;
  readonly name: TName;
  readonly input: TInput;
  /**
   * Provider state that must travel back with the call in the conversation (Gemini's
   * `thoughtSignature`). Keep it: push `result.toolCalls` back unchanged.
   */
  readonly providerMetadata?: Readonly<Record<string, unknown>> | undefined;
}

/** The calls a set of tools can produce: a union discriminated by `name`, inputs typed. */
export type ToolCallOf<TTools> = [TTools] extends [ToolSet]
  ? string extends keyof TTools
    ? ToolCall
    : {
        [K in keyof TTools & string]: ToolCall<K, z.output<TTools[K]["input"]>>;
      }[keyof TTools & string]
  : ToolCall;

const TOOL = Symbol.for("@llmc/core/tool");

/** Names every provider accepts (OpenAI `^[a-zA-Z0-9_-]{1,64}$`; Gemini must not start with a digit or `-`). */
export const TOOL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/;

/** Is `value` a zod schema? (Checked by shape: core must not load zod to check it.) */
export function isZodSchema(value: unknown): value is z.ZodType {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { _zod?: unknown })._zod === "object" &&
    typeof (value as { safeParse?: unknown }).safeParse === "function"
  );
}

/** Was `value` made by {@link tool} (in this or another copy of core)? */
export function isTool(value: unknown): value is Tool {
  return (
    typeof value === "object" && value !== null && (value as { [TOOL]?: unknown })[TOOL] === true
  );
}

/**
 * Describes a tool. The definition is checked now, so a mistake points at the line that made it:
 * a missing description, an input that is not a zod schema, a negative or non-finite cost.
 *
 * ```ts
 * const weather = tool({ description: "Current weather for a city", input: z.object({ city: z.string() }) });
 * ```
 */
export function tool<TSchema extends z.ZodType, TResult = unknown>(
  definition: Tool<TSchema, TResult>,
): Tool<TSchema, TResult> {
  const where = "tool()";
  if (typeof definition !== "object" || definition === null) {
    throw new LLMConfigError(`${where} needs a definition object: { description, input }.`);
  }
  if (typeof definition.description !== "string" || definition.description.trim() === "") {
    throw new LLMConfigError(
      `${where} needs a \`description\`: the model reads it to decide when to call the tool.`,
      { field: "description" },
    );
  }
  if (!isZodSchema(definition.input)) {
    throw new LLMConfigError(
      `${where} needs \`input\` to be a zod schema, e.g. \`z.object({ city: z.string() })\`.`,
      { field: "input" },
    );
  }
  const cost = definition.costUsd;
  if (cost !== undefined && typeof cost !== "function") {
    if (typeof cost !== "number" || !Number.isFinite(cost) || cost < 0) {
      throw new LLMConfigError(
        `${where}: \`costUsd\` must be a finite number ≥ 0 or a function of the input, got ${String(cost)}.`,
        { field: "costUsd" },
      );
    }
  }
  if (definition.execute !== undefined && typeof definition.execute !== "function") {
    throw new LLMConfigError(`${where}: \`execute\` must be a function.`, { field: "execute" });
  }
  const made = { ...definition };
  Object.defineProperty(made, TOOL, { value: true, enumerable: false });
  return Object.freeze(made);
}
