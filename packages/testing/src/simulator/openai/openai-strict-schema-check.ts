import { isRecord } from "../prompt-text.js";

/**
 * What OpenAI's strict mode (Structured Outputs: `response_format.json_schema.strict` and
 * `tools[].function.strict`) refuses, checked the way the API does, so that a test against the
 * simulator fails where production would. Independent of any adapter's own transformer on
 * purpose: this is the provider's side.
 *
 * Sources (developers.openai.com/api/docs/guides/structured-outputs "Supported schemas", and
 * real 400 bodies quoted in user reports):
 * - "Invalid schema for response_format 'x': In context=('properties', 'etymology'),
 *   'additionalProperties' is required to be supplied and to be false."
 * - "Invalid schema for function 'mysql_execute': In context=(), 'required' is required to be
 *   supplied and to be an array including every key in properties. Missing 'params'."
 *   (param `tools[1].parameters`, code `invalid_function_parameters`)
 * - "… In context=('properties', 'rich_text', 'items'), 'allOf' is not permitted." and
 *   "… In context=('properties', 'placeholder'), 'default' is not permitted."
 * - "Invalid schema for response_format 'structured_data': 6 levels of nesting exceeds limit
 *   of 5." (the limit is 10 today). The wording of the other size limits is modelled on it.
 */

/** Current documented limits of one strict schema. */
export const STRICT_LIMITS = {
  /** Object properties in the whole schema. */
  properties: 5000,
  /** Levels of object nesting (the root object is level 1). */
  nesting: 10,
  /** Enum values across all enums. */
  enumValues: 1000,
  /** Characters of all property names, definition names, enum and const values. */
  totalStringLength: 120_000,
  /** A single string enum with more than 250 values may total at most this many characters. */
  largeEnumStringLength: 15_000,
  largeEnumValues: 250,
} as const;

/** Keywords strict mode does not permit anywhere (composition, conditionals, open shapes). */
const NOT_PERMITTED = [
  "allOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
  "default",
  "dependentRequired",
  "dependentSchemas",
  "dependencies",
  "patternProperties",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
  "minProperties",
  "maxProperties",
  "contains",
  "minContains",
  "maxContains",
  "uniqueItems",
  "prefixItems",
] as const;

type PathPart = string | number;

/** Python's repr of a tuple, as OpenAI prints `context=`: `()`, `('items',)`, `('a', 0)`. */
export function pythonTuple(path: readonly PathPart[]): string {
  const parts = path.map((part) => (typeof part === "number" ? String(part) : `'${part}'`));
  if (parts.length === 1) return `(${parts[0]},)`;
  return `(${parts.join(", ")})`;
}

class Violation {
  constructor(readonly detail: string) {}
}

function at(path: readonly PathPart[], problem: string): Violation {
  return new Violation(`In context=${pythonTuple(path)}, ${problem}.`);
}

function typesOf(node: Record<string, unknown>): string[] {
  if (typeof node.type === "string") return [node.type];
  if (Array.isArray(node.type)) return node.type.filter((t): t is string => typeof t === "string");
  return [];
}

interface Tally {
  properties: number;
  enumValues: number;
  stringLength: number;
  maxNesting: number;
}

function walk(
  node: unknown,
  path: PathPart[],
  nesting: number,
  tally: Tally,
): Violation | undefined {
  if (!isRecord(node)) return at(path, "schema must be a JSON Schema object");
  if (typeof node.$ref === "string") return undefined; // checked where it is defined
  for (const keyword of NOT_PERMITTED) {
    if (keyword in node) return at(path, `'${keyword}' is not permitted`);
  }
  const types = typesOf(node);
  const anyOf = node.anyOf;
  if (
    types.length === 0 &&
    anyOf === undefined &&
    node.enum === undefined &&
    node.const === undefined
  ) {
    return at(path, "schema must have a 'type' key");
  }
  if (Array.isArray(node.enum)) {
    tally.enumValues += node.enum.length;
    let enumChars = 0;
    for (const value of node.enum) if (typeof value === "string") enumChars += value.length;
    tally.stringLength += enumChars;
    if (
      node.enum.length > STRICT_LIMITS.largeEnumValues &&
      enumChars > STRICT_LIMITS.largeEnumStringLength
    ) {
      return at(
        path,
        `enum with ${node.enum.length} values has a total string length of ${enumChars}, which exceeds the limit of ${STRICT_LIMITS.largeEnumStringLength}`,
      );
    }
  }
  if (typeof node.const === "string") tally.stringLength += node.const.length;

  let depth = nesting;
  if (types.includes("object")) {
    depth = nesting + 1;
    tally.maxNesting = Math.max(tally.maxNesting, depth);
    if (node.additionalProperties !== false) {
      return at(path, "'additionalProperties' is required to be supplied and to be false");
    }
    const properties = isRecord(node.properties) ? node.properties : {};
    const keys = Object.keys(properties);
    const required = Array.isArray(node.required) ? node.required : undefined;
    const missing = keys.filter((key) => required === undefined || !required.includes(key));
    if (missing.length > 0) {
      return at(
        path,
        `'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'`,
      );
    }
    for (const key of keys) {
      tally.properties++;
      tally.stringLength += key.length;
      const found = walk(properties[key], [...path, "properties", key], depth, tally);
      if (found !== undefined) return found;
    }
  }
  if (types.includes("array")) {
    if (node.items === undefined) return at(path, "array schema missing items");
    const found = walk(node.items, [...path, "items"], depth, tally);
    if (found !== undefined) return found;
  }
  if (Array.isArray(anyOf)) {
    for (const [index, branch] of anyOf.entries()) {
      const found = walk(branch, [...path, "anyOf", index], nesting, tally);
      if (found !== undefined) return found;
    }
  }
  for (const mapKey of ["$defs", "definitions"] as const) {
    const defs = node[mapKey];
    if (!isRecord(defs)) continue;
    for (const [name, definition] of Object.entries(defs)) {
      tally.stringLength += name.length;
      const found = walk(definition, [...path, mapKey, name], 0, tally);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * The problem OpenAI reports for `schema` under strict mode (the text after
 * "Invalid schema for …: "), or `undefined` when strict mode accepts it.
 */
export function strictSchemaProblem(schema: unknown): string | undefined {
  if (!isRecord(schema) || schema.type !== "object") {
    const type = isRecord(schema) && typeof schema.type === "string" ? `"${schema.type}"` : "None";
    return `schema must be a JSON Schema of 'type: "object"', got 'type: ${type}'.`;
  }
  const tally: Tally = { properties: 0, enumValues: 0, stringLength: 0, maxNesting: 0 };
  const violation = walk(schema, [], 0, tally);
  if (violation !== undefined) return violation.detail;
  if (tally.maxNesting > STRICT_LIMITS.nesting) {
    return `${tally.maxNesting} levels of nesting exceeds limit of ${STRICT_LIMITS.nesting}.`;
  }
  if (tally.properties > STRICT_LIMITS.properties) {
    return `${tally.properties} object properties exceeds limit of ${STRICT_LIMITS.properties}.`;
  }
  if (tally.enumValues > STRICT_LIMITS.enumValues) {
    return `${tally.enumValues} enum values exceeds limit of ${STRICT_LIMITS.enumValues}.`;
  }
  if (tally.stringLength > STRICT_LIMITS.totalStringLength) {
    return `total string length of property names, definition names, enum values and const values (${tally.stringLength}) exceeds limit of ${STRICT_LIMITS.totalStringLength}.`;
  }
  return undefined;
}
