import { type JsonSchema, LLMConfigError } from "@llmc/core";
import { bareGeminiModelName } from "./gemini-model-name.js";

/**
 * Which schema field a model gets. Gemini 2.5 and later take full JSON Schema
 * (`responseJsonSchema`, `parametersJsonSchema`); Gemini 1.x and 2.0 only the OpenAPI-3.0 subset
 * of `responseSchema` / `parameters`, where an unknown keyword (`additionalProperties`, `$ref`,
 * `const`) is a 400 "Unknown name … Cannot find field". Decided by the model name, so a new
 * model gets the fuller field.
 */
export function geminiNeedsSchemaSubset(model: string): boolean {
  return /^gemini-(1\.|2\.0)/.test(bareGeminiModelName(model));
}

/** The keywords of Gemini's `Schema` message (OpenAPI 3.0 subset), as the API accepts them. */
const SUBSET_KEYS = new Set([
  "type",
  "format",
  "title",
  "description",
  "nullable",
  "enum",
  "maxItems",
  "minItems",
  "properties",
  "required",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "anyOf",
  "propertyOrdering",
  "items",
  "minimum",
  "maximum",
]);

/** Dropped without loss of meaning for the model: closed objects are what zod validates anyway. */
const DROPPED = new Set(["additionalProperties", "$schema", "$id", "default", "examples"]);

function refuse(path: string, what: string): never {
  throw new LLMConfigError(
    `This schema cannot be sent to a Gemini 1.x/2.0 model: ${what} at \`${path}\` has no ` +
      "equivalent in its responseSchema subset. Simplify the zod schema, or use gemini-2.5 or later " +
      "(which takes full JSON Schema).",
    { provider: "gemini", field: "schema" },
  );
}

/**
 * JSON Schema (as zod writes it) → Gemini's OpenAPI subset: `const` becomes a one-value `enum`,
 * `type: [t, "null"]` and `anyOf: [t, { type: "null" }]` become `nullable`, `oneOf` becomes
 * `anyOf`, object keys keep their order (`propertyOrdering`), `additionalProperties` and
 * `default` are dropped; `$ref`, `allOf`, `not`, `if` and tuples are refused with the path.
 */
export function toGeminiSchemaSubset(schema: JsonSchema, path = "#"): JsonSchema {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key)) continue;
    if (key === "const") {
      out.enum = [value];
      continue;
    }
    if (key === "type" && Array.isArray(value)) {
      const types = value.filter((type) => type !== "null");
      if (types.length !== 1) refuse(path, `a union of types ${JSON.stringify(value)}`);
      out.type = types[0];
      if (types.length < value.length) out.nullable = true;
      continue;
    }
    if (key === "anyOf" || key === "oneOf") {
      const options = (value as JsonSchema[]).filter(
        (option) => !(option.type === "null" && Object.keys(option).length === 1),
      );
      if (options.length < (value as JsonSchema[]).length) out.nullable = true;
      if (options.length === 1)
        Object.assign(out, toGeminiSchemaSubset(options[0]!, `${path}/${key}/0`));
      else
        out.anyOf = options.map((option, index) =>
          toGeminiSchemaSubset(option, `${path}/${key}/${index}`),
        );
      continue;
    }
    if (key === "properties") {
      const properties: Record<string, JsonSchema> = {};
      for (const [name, property] of Object.entries(value as Record<string, JsonSchema>)) {
        properties[name] = toGeminiSchemaSubset(property, `${path}/properties/${name}`);
      }
      out.properties = properties;
      // Gemini 2.0 orders output keys alphabetically unless told; keep the schema's order.
      if (schema.propertyOrdering === undefined) out.propertyOrdering = Object.keys(properties);
      continue;
    }
    if (key === "items") {
      if (Array.isArray(value)) refuse(path, "a tuple (`items` as a list)");
      out.items = toGeminiSchemaSubset(value as JsonSchema, `${path}/items`);
      continue;
    }
    if (key === "enum") {
      // The subset's enum is of strings only.
      if (!(value as unknown[]).every((item) => typeof item === "string"))
        refuse(path, "a non-string enum");
      out.enum = value;
      continue;
    }
    if (!SUBSET_KEYS.has(key)) refuse(path, `the keyword \`${key}\``);
    out[key] = value;
  }
  if (Array.isArray(out.enum) && out.type === undefined) out.type = "string";
  if (Array.isArray(out.enum) && out.type === "string") out.format = "enum";
  return out;
}
