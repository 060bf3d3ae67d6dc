import type { FinishReason } from "../adapter/finish-reason.js";
import { LLMInvalidResponseError } from "../errors/provider-errors.js";
import { describeIssues } from "../tools/describe-issues.js";
import { toJsonSchema } from "../tools/json-schema.js";
import { markRepairable } from "../tools/repairable.js";
import type { ResponseSchemaSpec, SchemaUse } from "../tools/tool-spec.js";

export interface ObjectContext {
  readonly provider: string;
  readonly model: string;
  readonly fromWire: (value: unknown, use: SchemaUse) => unknown;
}

/** A reply wrapped in one Markdown code fence (```json … ```), as models without native JSON mode write. */
const FENCED = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/;

/**
 * The structured answer: the text parsed as JSON, mapped back by the adapter's `fromWireValue`
 * hook, validated by the zod schema (whose output is returned). Not JSON, or not the schema, is
 * an `LLMInvalidResponseError` with the raw text and the zod issues; when the model stopped at
 * the output cap the message says that is the likely cause.
 */
export function parseObject(
  text: string,
  spec: ResponseSchemaSpec,
  finishReason: FinishReason,
  context: ObjectContext,
): unknown {
  const { provider } = context;
  const trimmed = text.trim();
  const body = FENCED.exec(trimmed)?.[1] ?? trimmed;
  const cut =
    finishReason.kind === "length"
      ? " The answer stopped at the output cap: raise `maxOutputTokens`."
      : "";
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw markRepairable(
      new LLMInvalidResponseError(
        `The model's answer is not valid JSON (${(error as Error).message}).${cut}`,
        { provider, rawText: text, issues: [] },
      ),
    );
  }
  const use: SchemaUse = {
    kind: "response",
    name: spec.name,
    model: context.model,
    jsonSchema: toJsonSchema(spec.zod, "the response schema"),
  };
  const parsed = spec.zod.safeParse(context.fromWire(value, use));
  if (!parsed.success) {
    throw markRepairable(
      new LLMInvalidResponseError(
        `The model's answer does not match the schema: ${describeIssues(parsed.error.issues)}.${cut}`,
        { provider, rawText: text, issues: parsed.error.issues },
      ),
    );
  }
  return parsed.data;
}
