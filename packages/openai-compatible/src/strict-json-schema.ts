import { LLMConfigError } from "@llmc/core";

/**
 * OpenAI strict mode (Structured Outputs: `response_format.json_schema.strict` and
 * `tools[].function.strict`) accepts only a subset of JSON Schema. This turns the JSON Schema
 * zod produces into that subset where the meaning survives, and refuses — with an
 * `LLMConfigError` naming the schema path, before any request — where it does not.
 *
 * Transformed (and mapped back by {@link fromStrictJsonValue} before zod validates the reply):
 * - a property missing from `required` (`.optional()`, `.default()`) becomes required and
 *   nullable; a `null` the model writes for it is removed again, so zod sees it absent and
 *   applies its default;
 * - `additionalProperties` absent, `true` or a schema next to declared `properties` becomes
 *   `false` (the model then writes only declared keys, which the original schema accepts);
 * - `oneOf` (zod's discriminated unions) becomes `anyOf`; `allOf` of plain objects is merged;
 * - a root that is not an object (`z.array`, a union, a string) is wrapped as
 *   `{ value: … }` and unwrapped again;
 * - `default`, `$schema`, `examples` and non-vocabulary metadata are dropped; a `format`
 *   strict mode lacks (`uri`, …) moves into the description; a type list of several
 *   non-null types becomes `anyOf`.
 * Refused: schemas that accept any value (`z.any()`, `z.unknown()`), maps with open-ended keys
 * (`z.record`), tuples, `not`, `if`/`then`/`else`, `patternProperties`, `propertyNames`,
 * `uniqueItems`, `contains`, `min/maxProperties`, …, non-local `$ref`, and schemas over
 * OpenAI's documented size limits.
 *
 * Limits and supported keywords: developers.openai.com/api/docs/guides/structured-outputs
 * ("Supported schemas"), as of 2026-12: 5,000 object properties, 10 levels of nesting,
 * 1,000 enum values, 120,000 characters of property names, definition names, enum and const
 * values, and at most 15,000 characters for one string enum of more than 250 values.
 */

/** A JSON Schema document. */
export type JsonSchema = Readonly<Record<string, unknown>>;

export const OPENAI_STRICT_LIMITS = {
  properties: 5000,
  nesting: 10,
  enumValues: 1000,
  totalStringLength: 120_000,
  largeEnumValues: 250,
  largeEnumStringLength: 15_000,
} as const;

/** String formats strict mode supports; any other moves into the description. */
const SUPPORTED_FORMATS = new Set([
  "date-time",
  "time",
  "date",
  "duration",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "uuid",
]);

/** Keywords copied as they are. */
const KEPT = [
  "type",
  "enum",
  "const",
  "title",
  "description",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
] as const;

/** Keywords handled by the walk itself. */
const STRUCTURAL = new Set([
  "properties",
  "required",
  "additionalProperties",
  "items",
  "anyOf",
  "oneOf",
  "allOf",
  "$ref",
  "$defs",
  "definitions",
  "format",
]);

/** Validation keywords strict mode lacks, with what to do instead. */
const REFUSED: ReadonlyMap<string, string> = new Map([
  ["not", "Describe the allowed values positively (an enum or a union)"],
  ["if", "Use a union (z.union / z.discriminatedUnion) of the shapes instead"],
  ["then", "Use a union (z.union / z.discriminatedUnion) of the shapes instead"],
  ["else", "Use a union (z.union / z.discriminatedUnion) of the shapes instead"],
  ["dependentRequired", "Use a union of the shapes instead"],
  ["dependentSchemas", "Use a union of the shapes instead"],
  ["dependencies", "Use a union of the shapes instead"],
  ["patternProperties", "Declare the keys, or use an array of { key, value } objects"],
  ["propertyNames", "Declare the keys, or use an array of { key, value } objects"],
  ["unevaluatedProperties", "Declare every key in `properties`"],
  ["unevaluatedItems", "Give the array one `items` schema"],
  ["prefixItems", "Use an object with named fields instead of a tuple"],
  ["additionalItems", "Use an object with named fields instead of a tuple"],
  ["contains", "Leave the constraint out and check it after parsing"],
  ["minContains", "Leave the constraint out and check it after parsing"],
  ["maxContains", "Leave the constraint out and check it after parsing"],
  ["uniqueItems", "Leave the constraint out and check it after parsing"],
  ["minProperties", "Declare the keys instead"],
  ["maxProperties", "Declare the keys instead"],
  ["contentEncoding", "Use a plain string"],
  ["contentMediaType", "Use a plain string"],
  ["contentSchema", "Use a plain string"],
  ["$dynamicRef", "Use a local $ref into $defs"],
  ["$dynamicAnchor", "Use a local $ref into $defs"],
  ["$recursiveRef", "Use a local $ref into $defs"],
  ["$recursiveAnchor", "Use a local $ref into $defs"],
]);

const PRIMITIVE_TYPES = new Set(["string", "number", "integer", "boolean"]);

/** The key a non-object root is wrapped under. */
export const STRICT_ROOT_WRAPPER_KEY = "value";

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export interface StrictSchemaOptions {
  /** Where the schema is used, for the message: `tool "weather"` or `the response schema`. */
  readonly where: string;
  /** `LLMConfigError.provider`. */
  readonly provider?: string;
  /** `LLMConfigError.field`: `tools.weather` or `schema`. */
  readonly field?: string;
}

/** `/properties/a/items` → `a[]`; the data path a user recognises from their zod schema. */
function dataPath(pointer: readonly string[]): string {
  let out = "";
  for (let index = 0; index < pointer.length; index++) {
    const token = pointer[index]!;
    const next = pointer[index + 1];
    if (
      (token === "properties" || token === "$defs" || token === "definitions") &&
      next !== undefined
    ) {
      out += token === "properties" ? (out === "" ? next : `.${next}`) : `${token}.${next}`;
      index++;
    } else if (token === "items") out += "[]";
    else if ((token === "anyOf" || token === "oneOf" || token === "allOf") && next !== undefined) {
      out += `<${token} ${next}>`;
      index++;
    } else out += `/${token}`;
  }
  return out === "" ? "the root" : `"${out}"`;
}

class Walk {
  constructor(
    readonly root: Json,
    readonly options: StrictSchemaOptions,
  ) {}

  refuse(pointer: readonly string[], problem: string, hint: string): never {
    const at = pointer.length === 0 ? "/" : `/${pointer.join("/")}`;
    throw new LLMConfigError(
      `${capitalize(this.options.where)} cannot be sent in OpenAI strict mode: at ${dataPath(pointer)} (schema ${at}) ${problem}. ${hint}.`,
      {
        ...(this.options.provider !== undefined ? { provider: this.options.provider } : {}),
        field: this.options.field ?? "schema",
      },
    );
  }

  resolve(node: Json, pointer: readonly string[]): Json {
    const seen = new Set<string>();
    let current = node;
    while (typeof current.$ref === "string") {
      const ref = current.$ref;
      if (seen.has(ref))
        this.refuse(
          pointer,
          `has a $ref cycle through "${ref}"`,
          "Give the recursion an object level",
        );
      seen.add(ref);
      const target = resolveLocalRef(this.root, ref);
      if (!isRecord(target)) {
        this.refuse(
          pointer,
          `has a $ref "${ref}" that is not a local reference into this schema`,
          "Inline the schema or put it in $defs",
        );
      }
      current = target;
    }
    return current;
  }

  strictify(node: unknown, pointer: string[]): Json {
    if (node === true || (isRecord(node) && isAnything(node))) {
      this.refuse(
        pointer,
        "accepts any JSON value (z.any(), z.unknown(), an empty schema)",
        "Strict mode needs a type: give the field a concrete zod type",
      );
    }
    if (node === false) this.refuse(pointer, "accepts no value (z.never())", "Remove the field");
    if (!isRecord(node)) this.refuse(pointer, "is not a JSON Schema object", "Pass a zod schema");
    if (isOpenMap(node)) {
      this.refuse(
        pointer,
        "is a map with open-ended keys (z.record), but strict mode needs every key declared",
        "Use z.object with named keys, or an array of { key, value } objects",
      );
    }
    for (const keyword of Object.keys(node)) {
      const hint = REFUSED.get(keyword);
      if (hint !== undefined) {
        this.refuse(pointer, `uses "${keyword}", which OpenAI strict mode does not support`, hint);
      }
    }
    if (typeof node.$ref === "string") {
      this.resolve(node, pointer);
      return { $ref: node.$ref };
    }
    if (node.allOf !== undefined) return this.strictify(this.mergeAllOf(node, pointer), pointer);
    if (node.oneOf !== undefined) {
      if (node.anyOf !== undefined) {
        this.refuse(pointer, "uses both oneOf and anyOf", "Use one union");
      }
      const { oneOf, ...rest } = node;
      return this.strictify({ ...rest, anyOf: oneOf }, pointer);
    }

    const out: Json = {};
    for (const keyword of KEPT) if (node[keyword] !== undefined) out[keyword] = node[keyword];
    if (typeof node.format === "string") {
      if (SUPPORTED_FORMATS.has(node.format)) out.format = node.format;
      else {
        const note = `(format: ${node.format})`;
        out.description = typeof out.description === "string" ? `${out.description} ${note}` : note;
      }
    }

    const types =
      typeof node.type === "string"
        ? [node.type]
        : Array.isArray(node.type)
          ? (node.type as string[])
          : [];
    const objectLike =
      types.includes("object") ||
      (types.length === 0 &&
        (node.properties !== undefined || node.additionalProperties !== undefined));
    if (objectLike) this.strictObject(node, out, pointer, types);
    if (types.includes("array") || (types.length === 0 && node.items !== undefined)) {
      if (types.length === 0) out.type = "array";
      if (Array.isArray(node.items)) {
        this.refuse(pointer, "is a tuple (an items array)", REFUSED.get("prefixItems")!);
      }
      if (node.items === undefined) {
        this.refuse(
          pointer,
          "is an array without an item schema",
          "Give z.array() an element type",
        );
      }
      out.items = this.strictify(node.items, [...pointer, "items"]);
    }
    if (Array.isArray(node.anyOf)) {
      out.anyOf = node.anyOf.map((branch, index) =>
        this.strictify(branch, [...pointer, "anyOf", String(index)]),
      );
    } else if (node.anyOf !== undefined) {
      this.refuse(pointer, "has an anyOf that is not an array", "Pass a zod union");
    }
    for (const mapKey of ["$defs", "definitions"] as const) {
      const defs = node[mapKey];
      if (!isRecord(defs)) continue;
      const strictDefs: Json = {};
      for (const [name, definition] of Object.entries(defs)) {
        strictDefs[name] = this.strictify(definition, [...pointer, mapKey, name]);
      }
      out[mapKey] = strictDefs;
    }
    return splitTypeList(out);
  }

  strictObject(node: Json, out: Json, pointer: string[], types: readonly string[]): void {
    if (types.length === 0) out.type = "object";
    const properties = node.properties === undefined ? {} : node.properties;
    if (!isRecord(properties))
      this.refuse(pointer, "has `properties` that is not an object", "Pass a zod object");
    const keys = Object.keys(properties);
    const required = new Set(Array.isArray(node.required) ? (node.required as unknown[]) : []);
    const strictProperties: Json = {};
    for (const key of keys) {
      const propertyPointer = [...pointer, "properties", key];
      const strict = this.strictify(properties[key], propertyPointer);
      strictProperties[key] = required.has(key) ? strict : this.nullable(strict);
    }
    out.properties = strictProperties;
    out.required = keys;
    out.additionalProperties = false;
  }

  /** The schema, also accepting `null` (a no-op when it already does). */
  nullable(schema: Json): Json {
    if (acceptsNull(schema, this.root)) return schema;
    const type = schema.type;
    if (typeof type === "string" && PRIMITIVE_TYPES.has(type) && schema.const === undefined) {
      const out: Json = { ...schema, type: [type, "null"] };
      if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
      return out;
    }
    if (Array.isArray(schema.anyOf) && schema.type === undefined) {
      return { ...schema, anyOf: [...schema.anyOf, { type: "null" }] };
    }
    const { description, title, ...rest } = schema;
    const out: Json = { anyOf: [rest, { type: "null" }] };
    if (description !== undefined) out.description = description;
    if (title !== undefined) out.title = title;
    return out;
  }

  /** allOf of plain objects with distinct keys merges into one object; anything else is refused. */
  mergeAllOf(node: Json, pointer: string[]): Json {
    const { allOf, ...rest } = node;
    if (!Array.isArray(allOf) || allOf.length === 0) {
      this.refuse(
        pointer,
        "has an allOf that is not a non-empty array",
        "Use z.intersection of objects",
      );
    }
    const branches = allOf.map((branch, index) =>
      isRecord(branch) ? this.resolve(branch, [...pointer, "allOf", String(index)]) : branch,
    );
    if (
      branches.length === 1 &&
      isRecord(branches[0]) &&
      Object.keys(rest).every((k) => k === "description" || k === "title")
    ) {
      return { ...branches[0], ...rest };
    }
    const merged: Json = { type: "object", properties: {}, required: [] as unknown[] };
    const parts = [rest, ...branches];
    for (const [index, part] of parts.entries()) {
      const partPointer = index === 0 ? pointer : [...pointer, "allOf", String(index - 1)];
      if (!isRecord(part) || !isPlainObjectSchema(part)) {
        this.refuse(
          partPointer,
          "uses allOf with a part that is not a plain object",
          "Strict mode has no allOf: merge the shapes into one z.object",
        );
      }
      if (part.description !== undefined && merged.description === undefined)
        merged.description = part.description;
      const properties = isRecord(part.properties) ? part.properties : {};
      for (const [key, value] of Object.entries(properties)) {
        if ((merged.properties as Json)[key] !== undefined) {
          this.refuse(
            partPointer,
            `uses allOf with the key "${key}" in more than one part`,
            "Merge the shapes into one z.object",
          );
        }
        (merged.properties as Json)[key] = value;
      }
      if (Array.isArray(part.required)) (merged.required as unknown[]).push(...part.required);
    }
    return merged;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** True for `{}` and schemas with only annotations (`description`, `default`, metadata): they accept every value. */
function isAnything(node: Json): boolean {
  return Object.keys(node).every(
    (key) =>
      key === "title" ||
      key === "description" ||
      (!(KEPT as readonly string[]).includes(key) && !STRUCTURAL.has(key) && !REFUSED.has(key)),
  );
}

/** `z.record`: keys described by a pattern or a schema, none declared. */
function isOpenMap(node: Json): boolean {
  const declared = isRecord(node.properties) && Object.keys(node.properties).length > 0;
  if (declared) return false;
  const extra = node.additionalProperties;
  return (
    node.propertyNames !== undefined ||
    node.patternProperties !== undefined ||
    (isRecord(extra) && !isAnything(extra))
  );
}

function isPlainObjectSchema(node: Json): boolean {
  return (
    Object.keys(node).every((key) =>
      ["type", "properties", "required", "additionalProperties", "description", "title"].includes(
        key,
      ),
    ) &&
    (node.type === undefined || node.type === "object") &&
    (node.additionalProperties === undefined ||
      node.additionalProperties === false ||
      node.additionalProperties === true ||
      (isRecord(node.additionalProperties) && Object.keys(node.additionalProperties).length === 0))
  );
}

/** `type: ["string", "number"]` → `anyOf` of each (strict mode documents only `[T, "null"]`). */
function splitTypeList(node: Json): Json {
  const type = node.type;
  if (!Array.isArray(type)) return node;
  const nonNull = type.filter((t) => t !== "null");
  if (nonNull.length <= 1) return node;
  const typeSpecific = Object.keys(node).some(
    (key) => !["type", "description", "title", "enum", "const"].includes(key),
  );
  if (typeSpecific) return node;
  const { type: _types, description, title, ...rest } = node;
  const out: Json = { anyOf: type.map((t) => ({ ...rest, type: t })) };
  if (description !== undefined) out.description = description;
  if (title !== undefined) out.title = title;
  return out;
}

/** Resolves `#`, `#/$defs/x`, `#/definitions/x` and other local JSON pointers. */
export function resolveLocalRef(root: Json, ref: string): unknown {
  if (ref === "#") return root;
  if (!ref.startsWith("#/")) return undefined;
  let current: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const token = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isRecord(current)) current = current[token];
    else return undefined;
  }
  return current;
}

function acceptsNull(schema: unknown, root: Json, depth = 0): boolean {
  if (!isRecord(schema) || depth > 32) return false;
  if (typeof schema.$ref === "string")
    return acceptsNull(resolveLocalRef(root, schema.$ref), root, depth + 1);
  if (schema.type === "null" || (Array.isArray(schema.type) && schema.type.includes("null")))
    return true;
  if (schema.const === null) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.some((branch) => acceptsNull(branch, root, depth + 1)))
      return true;
  }
  return false;
}

function isObjectRoot(schema: Json): boolean {
  if (schema.type === "object") return true;
  if (schema.type !== undefined || schema.anyOf !== undefined || schema.oneOf !== undefined)
    return false;
  // An allOf of objects is merged into one object by the walk.
  if (Array.isArray(schema.allOf)) {
    return schema.allOf.every(
      (part) =>
        isRecord(part) &&
        (part.type === "object" || part.properties !== undefined || typeof part.$ref === "string"),
    );
  }
  return schema.properties !== undefined;
}

/** A root `$ref` (zod's `.meta({ id })` on the root) inlined, its `$defs` kept. */
function inlineRootRef(root: Json): Json {
  if (typeof root.$ref !== "string") return root;
  const target = resolveLocalRef(root, root.$ref);
  if (!isRecord(target) || target === root) return root;
  const { $ref: _ref, ...rest } = root;
  return { ...target, ...rest };
}

interface Tally {
  properties: number;
  enumValues: number;
  stringLength: number;
  nesting: number;
  largeEnum: { pointer: string[]; values: number; chars: number } | undefined;
}

function measure(node: unknown, level: number, pointer: string[], tally: Tally): void {
  if (!isRecord(node)) return;
  if (Array.isArray(node.enum)) {
    tally.enumValues += node.enum.length;
    let chars = 0;
    for (const value of node.enum) if (typeof value === "string") chars += value.length;
    tally.stringLength += chars;
    if (
      tally.largeEnum === undefined &&
      node.enum.length > OPENAI_STRICT_LIMITS.largeEnumValues &&
      chars > OPENAI_STRICT_LIMITS.largeEnumStringLength
    ) {
      tally.largeEnum = { pointer, values: node.enum.length, chars };
    }
  }
  if (typeof node.const === "string") tally.stringLength += node.const.length;
  let depth = level;
  if (node.type === "object" || (Array.isArray(node.type) && node.type.includes("object"))) {
    depth = level + 1;
    tally.nesting = Math.max(tally.nesting, depth);
  }
  if (isRecord(node.properties)) {
    for (const [key, value] of Object.entries(node.properties)) {
      tally.properties++;
      tally.stringLength += key.length;
      measure(value, depth, [...pointer, "properties", key], tally);
    }
  }
  measure(node.items, depth, [...pointer, "items"], tally);
  if (Array.isArray(node.anyOf)) {
    for (const [index, branch] of node.anyOf.entries()) {
      measure(branch, level, [...pointer, "anyOf", String(index)], tally);
    }
  }
  for (const mapKey of ["$defs", "definitions"] as const) {
    const defs = node[mapKey];
    if (!isRecord(defs)) continue;
    for (const [name, definition] of Object.entries(defs)) {
      tally.stringLength += name.length;
      measure(definition, 0, [...pointer, mapKey, name], tally);
    }
  }
}

function checkLimits(schema: Json, walk: Walk): void {
  const tally: Tally = {
    properties: 0,
    enumValues: 0,
    stringLength: 0,
    nesting: 0,
    largeEnum: undefined,
  };
  measure(schema, 0, [], tally);
  const limits = OPENAI_STRICT_LIMITS;
  const split = "Split the work into smaller schemas (several calls or tools)";
  if (tally.nesting > limits.nesting) {
    walk.refuse(
      [],
      `nests objects ${tally.nesting} levels deep; OpenAI allows ${limits.nesting}`,
      "Flatten the schema",
    );
  }
  if (tally.properties > limits.properties) {
    walk.refuse(
      [],
      `has ${tally.properties} object properties; OpenAI allows ${limits.properties}`,
      split,
    );
  }
  if (tally.enumValues > limits.enumValues) {
    walk.refuse(
      [],
      `has ${tally.enumValues} enum values; OpenAI allows ${limits.enumValues}`,
      split,
    );
  }
  if (tally.largeEnum !== undefined) {
    walk.refuse(
      tally.largeEnum.pointer,
      `is an enum of ${tally.largeEnum.values} values totalling ${tally.largeEnum.chars} characters; OpenAI allows ${limits.largeEnumStringLength} for an enum of more than ${limits.largeEnumValues} values`,
      "Shorten the values or use a plain string checked after parsing",
    );
  }
  if (tally.stringLength > limits.totalStringLength) {
    walk.refuse(
      [],
      `has ${tally.stringLength} characters of property names, definition names, enum and const values; OpenAI allows ${limits.totalStringLength}`,
      split,
    );
  }
}

const strictCache = new WeakMap<object, JsonSchema>();

/**
 * The strict-mode form of `schema` (a new object; the input is not changed). Throws
 * `LLMConfigError` naming the schema path when strict mode cannot express it. Cached per
 * schema object.
 */
export function toStrictJsonSchema(schema: JsonSchema, options: StrictSchemaOptions): JsonSchema {
  const cached = strictCache.get(schema);
  if (cached !== undefined) return cached;
  const { $schema: _marker, ...unmarked } = schema as Json;
  const root = inlineRootRef(unmarked);
  const walk = new Walk(root, options);
  let strict: Json;
  if (isObjectRoot(root)) strict = walk.strictify(root, []);
  else {
    // Strict mode wants an object at the root: wrap the value, keeping the definitions there.
    const { $defs, definitions, ...inner } = root;
    if (JSON.stringify(inner).includes('"$ref":"#"')) {
      walk.refuse(
        [],
        "is a recursive schema whose root is not an object",
        "Make the root a z.object",
      );
    }
    const wrapped: Json = {
      type: "object",
      properties: { [STRICT_ROOT_WRAPPER_KEY]: inner },
      required: [STRICT_ROOT_WRAPPER_KEY],
    };
    if ($defs !== undefined) wrapped.$defs = $defs;
    if (definitions !== undefined) wrapped.definitions = definitions;
    strict = new Walk(wrapped, options).strictify(wrapped, []);
  }
  checkLimits(strict, walk);
  const frozen = Object.freeze(strict);
  strictCache.set(schema, frozen);
  return frozen;
}

/** Whether a value of the strict schema for `original` is wrapped as `{ value }`. */
function isWrapped(original: Json): boolean {
  return !isObjectRoot(inlineRootRef(original));
}

function fits(value: unknown, schema: unknown, root: Json, depth = 0): boolean {
  if (!isRecord(schema) || depth > 32) return true;
  if (typeof schema.$ref === "string")
    return fits(value, resolveLocalRef(root, schema.$ref), root, depth + 1);
  if (schema.const !== undefined && schema.const !== value) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value as never)) return false;
  const alternatives = Array.isArray(schema.anyOf)
    ? schema.anyOf
    : Array.isArray(schema.oneOf)
      ? schema.oneOf
      : undefined;
  if (
    alternatives !== undefined &&
    !alternatives.some((branch) => fits(value, branch, root, depth + 1))
  )
    return false;
  const types =
    typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type : [];
  if (types.length > 0 && !types.some((type) => fitsType(value, type))) return false;
  if (isRecord(value) && isRecord(schema.properties)) {
    const properties = schema.properties;
    for (const [key, item] of Object.entries(value)) {
      if (properties[key] === undefined) return false;
      if (
        isRecord(properties[key]) &&
        (properties[key] as Json).const !== undefined &&
        (properties[key] as Json).const !== item
      )
        return false;
    }
  }
  return true;
}

function fitsType(value: unknown, type: unknown): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number";
    case "integer":
      return Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return isRecord(value);
    default:
      return true;
  }
}

function restore(value: unknown, schema: unknown, root: Json, depth: number): unknown {
  if (!isRecord(schema) || depth > 256) return value;
  if (typeof schema.$ref === "string")
    return restore(value, resolveLocalRef(root, schema.$ref), root, depth + 1);
  if (Array.isArray(schema.allOf)) {
    let current = value;
    for (const branch of schema.allOf) current = restore(current, branch, root, depth + 1);
    return current;
  }
  const alternatives = Array.isArray(schema.anyOf)
    ? schema.anyOf
    : Array.isArray(schema.oneOf)
      ? schema.oneOf
      : undefined;
  if (alternatives !== undefined) {
    const branch = alternatives.find((candidate) => fits(value, candidate, root));
    return branch === undefined ? value : restore(value, branch, root, depth + 1);
  }
  if (isRecord(value) && isRecord(schema.properties)) {
    const properties = schema.properties;
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    const out: Json = {};
    for (const [key, item] of Object.entries(value)) {
      const property = properties[key];
      if (property === undefined) {
        out[key] = item;
        continue;
      }
      // The transform made this optional field nullable: null means "absent".
      if (item === null && !required.has(key) && !acceptsNull(property, root)) continue;
      out[key] = restore(item, property, root, depth + 1);
    }
    return out;
  }
  if (Array.isArray(value) && isRecord(schema.items)) {
    return value.map((item) => restore(item, schema.items, root, depth + 1));
  }
  return value;
}

/**
 * Maps a value the model wrote for `toStrictJsonSchema(original)` back to the original's shape
 * before zod validates it: unwraps a wrapped root, and removes the `null` written for a field
 * that was optional (and not nullable) in `original`. Anything else is returned as it is.
 */
export function fromStrictJsonValue(value: unknown, original: JsonSchema): unknown {
  const root = inlineRootRef(original as Json);
  let inner = value;
  if (isWrapped(original as Json)) {
    if (!isRecord(value) || !(STRICT_ROOT_WRAPPER_KEY in value)) return value;
    inner = value[STRICT_ROOT_WRAPPER_KEY];
  }
  return restore(inner, root, root, 0);
}
