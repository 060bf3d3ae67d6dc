import { LLMConfigError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  fromStrictJsonValue,
  type JsonSchema,
  OPENAI_STRICT_LIMITS,
  toStrictJsonSchema,
} from "../src/strict-json-schema.js";

/** A schema read by property paths in assertions (the values are checked by toEqual). */
// biome-ignore lint/suspicious/noExplicitAny: deep reads of a generated schema in assertions
type Tree = any;

/** What core sends adapters: zod's input-side JSON Schema. */
const json = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: "input" }) as JsonSchema;
const strict = (schema: JsonSchema) => toStrictJsonSchema(schema, { where: "the response schema" });

function refusal(schema: JsonSchema): LLMConfigError {
  try {
    strict(schema);
  } catch (error) {
    expect(error).toBeInstanceOf(LLMConfigError);
    return error as LLMConfigError;
  }
  throw new Error("expected the schema to be refused");
}

/** Parses a reply the model wrote for the strict schema the way core does: map back, then zod. */
function parseReply<T extends z.ZodType>(schema: T, reply: unknown): z.infer<T> {
  return schema.parse(fromStrictJsonValue(reply, json(schema)));
}

describe("toStrictJsonSchema: what it transforms", () => {
  it("makes optional fields required and nullable, and maps the model's null back to absent", () => {
    const schema = z.object({
      name: z.string(),
      nick: z.string().optional(),
      age: z.number().optional(),
    });
    expect(strict(json(schema))).toEqual({
      type: "object",
      properties: {
        name: { type: "string" },
        nick: { type: ["string", "null"] },
        age: { type: ["number", "null"] },
      },
      required: ["name", "nick", "age"],
      additionalProperties: false,
    });
    expect(parseReply(schema, { name: "Ada", nick: null, age: 36 })).toEqual({
      name: "Ada",
      age: 36,
    });
    expect("nick" in parseReply(schema, { name: "Ada", nick: null, age: null })).toBe(false);
  });

  it("drops default (zod applies it once the null is mapped back to absent)", () => {
    const schema = z.object({ currency: z.string().default("EUR"), total: z.number() });
    const wire = strict(json(schema));
    expect(JSON.stringify(wire)).not.toContain("default");
    expect(parseReply(schema, { currency: null, total: 3 })).toEqual({ currency: "EUR", total: 3 });
  });

  it("keeps a field that is nullable on purpose nullable: its null stays null", () => {
    const schema = z.object({ note: z.string().nullish(), tag: z.string().nullable() });
    const wire = strict(json(schema));
    expect(wire.required).toEqual(["note", "tag"]);
    expect(parseReply(schema, { note: null, tag: null })).toEqual({ note: null, tag: null });
  });

  it("closes every object (nested, in arrays, loose and catchall ones) and maps nested nulls back", () => {
    const schema = z.object({
      items: z.array(z.object({ sku: z.string(), qty: z.number().int().optional() })),
      meta: z.looseObject({ source: z.string().optional() }),
      extra: z.object({ a: z.string() }).catchall(z.number()),
    });
    const wire = strict(json(schema)) as Tree;
    expect(wire.properties.items.items).toMatchObject({
      type: "object",
      properties: { sku: { type: "string" }, qty: { type: ["integer", "null"] } },
      required: ["sku", "qty"],
      additionalProperties: false,
    });
    expect(wire.properties.meta.additionalProperties).toBe(false);
    expect(wire.properties.extra.additionalProperties).toBe(false);
    expect(
      parseReply(schema, {
        items: [
          { sku: "a", qty: null },
          { sku: "b", qty: 2 },
        ],
        meta: { source: null },
        extra: { a: "x" },
      }),
    ).toEqual({ items: [{ sku: "a" }, { sku: "b", qty: 2 }], meta: {}, extra: { a: "x" } });
  });

  it("makes an optional object, array or enum nullable without changing what else it accepts", () => {
    const schema = z.object({
      address: z.object({ city: z.string() }).optional(),
      tags: z.array(z.string()).optional(),
      unit: z.enum(["C", "F"]).optional(),
    });
    const wire = strict(json(schema)) as Tree;
    expect(wire.properties.address.anyOf).toEqual([
      {
        type: "object",
        properties: { city: { type: "string" } },
        required: ["city"],
        additionalProperties: false,
      },
      { type: "null" },
    ]);
    expect(wire.properties.tags.anyOf[1]).toEqual({ type: "null" });
    expect(wire.properties.unit).toEqual({ type: ["string", "null"], enum: ["C", "F", null] });
    expect(parseReply(schema, { address: null, tags: null, unit: null })).toEqual({});
    expect(parseReply(schema, { address: { city: "Oslo" }, tags: ["x"], unit: "C" })).toEqual({
      address: { city: "Oslo" },
      tags: ["x"],
      unit: "C",
    });
  });

  it("turns oneOf (discriminated unions) into anyOf and maps each branch's optional nulls back", () => {
    const schema = z.object({
      shape: z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("circle"), r: z.number(), label: z.string().optional() }),
        z.object({ kind: z.literal("square"), side: z.number(), label: z.string().optional() }),
      ]),
    });
    const wire = strict(json(schema)) as Tree;
    expect(wire.properties.shape.oneOf).toBeUndefined();
    expect(wire.properties.shape.anyOf).toHaveLength(2);
    expect(wire.properties.shape.anyOf[1].required).toEqual(["kind", "side", "label"]);
    expect(parseReply(schema, { shape: { kind: "square", side: 2, label: null } })).toEqual({
      shape: { kind: "square", side: 2 },
    });
  });

  it("wraps a root that is not an object as { value } and unwraps it", () => {
    const list = z.array(z.object({ id: z.string(), note: z.string().optional() }));
    const wire = strict(json(list)) as Tree;
    expect(wire.type).toBe("object");
    expect(wire.required).toEqual(["value"]);
    expect(wire.properties.value.type).toBe("array");
    expect(parseReply(list, { value: [{ id: "1", note: null }] })).toEqual([{ id: "1" }]);
    const union = z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]);
    expect(strict(json(union)).type).toBe("object");
    expect(parseReply(union, { value: { b: 2 } })).toEqual({ b: 2 });
    expect(parseReply(z.string(), { value: "hi" })).toBe("hi");
  });

  it("keeps $defs and recursion, following $ref when mapping back", () => {
    const Node: z.ZodType<{ name: string; note?: string; children: unknown[] }> = z.object({
      name: z.string(),
      note: z.string().optional(),
      get children() {
        return z.array(Node);
      },
    });
    const wire = strict(json(Node)) as Tree;
    expect(wire.properties.children.items).toEqual({ $ref: "#" });
    expect(
      parseReply(Node, {
        name: "a",
        note: null,
        children: [{ name: "b", note: "x", children: [] }],
      }),
    ).toEqual({
      name: "a",
      children: [{ name: "b", note: "x", children: [] }],
    });
    const withDefs: JsonSchema = {
      type: "object",
      properties: { home: { $ref: "#/$defs/address" }, work: { $ref: "#/$defs/address" } },
      required: ["home"],
      $defs: {
        address: {
          type: "object",
          properties: { zip: { type: "string" }, floor: { type: "integer" } },
          required: ["zip"],
        },
      },
    };
    const strictDefs = strict(withDefs) as Tree;
    expect(strictDefs.properties.work).toEqual({
      anyOf: [{ $ref: "#/$defs/address" }, { type: "null" }],
    });
    expect(strictDefs.$defs.address.required).toEqual(["zip", "floor"]);
    expect(fromStrictJsonValue({ home: { zip: "1", floor: null }, work: null }, withDefs)).toEqual({
      home: { zip: "1" },
    });
  });

  it("inlines a root $ref (zod .meta({ id }) on the root)", () => {
    const schema: JsonSchema = {
      $ref: "#/$defs/Invoice",
      $defs: {
        Invoice: { type: "object", properties: { total: { type: "number" } }, required: ["total"] },
      },
    };
    const wire = strict(schema) as Tree;
    expect(wire.type).toBe("object");
    expect(wire.properties.total).toEqual({ type: "number" });
    expect(fromStrictJsonValue({ total: 1 }, schema)).toEqual({ total: 1 });
  });

  it("moves a format strict mode lacks into the description and keeps supported ones and constraints", () => {
    const schema = z.object({
      site: z.url().describe("Home page"),
      mail: z.email(),
      code: z
        .string()
        .min(2)
        .max(5)
        .regex(/^[A-Z]+$/),
      n: z.number().int().min(0).max(10).multipleOf(2),
      list: z.array(z.string()).min(1).max(3),
    });
    const wire = strict(json(schema)) as Tree;
    expect(wire.properties.site).toEqual({
      type: "string",
      description: "Home page (format: uri)",
    });
    expect(wire.properties.mail.format).toBe("email");
    expect(wire.properties.code).toMatchObject({ minLength: 2, maxLength: 5, pattern: "^[A-Z]+$" });
    expect(wire.properties.n).toMatchObject({
      type: "integer",
      minimum: 0,
      maximum: 10,
      multipleOf: 2,
    });
    expect(wire.properties.list).toMatchObject({ minItems: 1, maxItems: 3 });
  });

  it("drops $schema, examples and custom metadata; splits a type list into anyOf", () => {
    const wire = strict({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      properties: { v: { type: ["string", "number"], examples: ["a"], "x-internal": true } },
      required: ["v"],
    }) as Tree;
    expect(wire.$schema).toBeUndefined();
    expect(wire.properties.v).toEqual({ anyOf: [{ type: "string" }, { type: "number" }] });
  });

  it("merges an allOf of plain objects", () => {
    const wire = strict({
      allOf: [
        { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
        { type: "object", properties: { b: { type: "number" } } },
      ],
    }) as Tree;
    expect(wire).toMatchObject({
      type: "object",
      required: ["a", "b"],
      additionalProperties: false,
    });
    expect(wire.properties.b).toEqual({ type: ["number", "null"] });
  });

  it("does not change its input and returns the same object for the same schema", () => {
    const input = Object.freeze(json(z.object({ a: z.string().optional() })));
    const before = JSON.stringify(input);
    const first = strict(input);
    expect(strict(input)).toBe(first);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe("toStrictJsonSchema: what it refuses, naming the path, before any request", () => {
  it("a field that accepts anything", () => {
    const error = refusal(json(z.object({ meta: z.object({ payload: z.unknown() }) })));
    expect(error.message).toBe(
      'The response schema cannot be sent in OpenAI strict mode: at "meta.payload" (schema /properties/meta/properties/payload) accepts any JSON value (z.any(), z.unknown(), an empty schema). Strict mode needs a type: give the field a concrete zod type.',
    );
    expect(error.field).toBe("schema");
  });

  it("records, tuples, not, if/then, uniqueItems, non-local $ref, allOf of non-objects", () => {
    const cases: [JsonSchema, RegExp][] = [
      [
        json(z.object({ counts: z.record(z.string(), z.number()) })),
        /at "counts" .*z\.record.*array of \{ key, value \}/,
      ],
      [
        json(z.object({ pair: z.tuple([z.string(), z.number()]) })),
        /at "pair" .*"prefixItems".*named fields/,
      ],
      [
        { type: "object", properties: { a: { type: "string", not: { const: "x" } } } },
        /at "a" .*uses "not"/,
      ],
      [
        {
          type: "object",
          properties: { a: { type: "string" } },
          if: { required: ["a"] },
        },
        /at the root .*uses "if"/,
      ],
      [
        {
          type: "object",
          properties: { tags: { type: "array", items: { type: "string" }, uniqueItems: true } },
        },
        /at "tags" .*"uniqueItems"/,
      ],
      [
        { type: "object", properties: { a: { $ref: "https://example.com/a.json" } } },
        /at "a" .*not a local reference/,
      ],
      [
        { type: "object", properties: { a: { allOf: [{ type: "string" }, { minLength: 2 }] } } },
        /at "a.*allOf.*not a plain object/,
      ],
      [
        { type: "object", properties: { a: { type: "array" } } },
        /at "a" .*array without an item schema/,
      ],
    ];
    for (const [schema, message] of cases) expect(refusal(schema).message).toMatch(message);
  });

  it("names where the schema is used and the config field", () => {
    let error: unknown;
    try {
      toStrictJsonSchema(json(z.object({ x: z.any() })), {
        where: 'tool "lookup"',
        field: "tools.lookup",
        provider: "openai",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LLMConfigError);
    expect((error as LLMConfigError).message).toMatch(
      /^Tool "lookup" cannot be sent in OpenAI strict mode: at "x"/,
    );
    expect((error as LLMConfigError).field).toBe("tools.lookup");
    expect((error as LLMConfigError).provider).toBe("openai");
  });

  it("OpenAI's size limits: nesting, properties, enum values, one large enum, total string length", () => {
    let deep: z.ZodType = z.string();
    for (let level = 0; level < OPENAI_STRICT_LIMITS.nesting; level++) deep = z.object({ x: deep });
    expect(() => strict(json(deep))).not.toThrow();
    expect(refusal(json(z.object({ x: deep }))).message).toContain(
      "nests objects 11 levels deep; OpenAI allows 10",
    );

    const wide = (count: number) =>
      ({
        type: "object",
        properties: Object.fromEntries(
          Array.from({ length: count }, (_, i) => [`p${i}`, { type: "boolean" }]),
        ),
      }) as JsonSchema;
    expect(() => strict(wide(5000))).not.toThrow();
    expect(refusal(wide(5001)).message).toContain("has 5001 object properties; OpenAI allows 5000");

    const enums = (count: number, length = 2) => ({
      type: "object",
      required: ["e"],
      properties: {
        e: {
          type: "string",
          enum: Array.from({ length: count }, (_, i) => String(i).padStart(length, "0")),
        },
      },
    });
    expect(() => strict(enums(1000))).not.toThrow();
    expect(refusal(enums(1001)).message).toContain("has 1001 enum values; OpenAI allows 1000");
    expect(refusal(enums(300, 60)).message).toMatch(
      /at "e" .*enum of 300 values totalling 18000 characters/,
    );

    const longNames = {
      type: "object",
      properties: Object.fromEntries(
        Array.from({ length: 100 }, (_, i) => [`${"n".repeat(1200)}${i}`, { type: "string" }]),
      ),
    };
    expect(refusal(longNames).message).toMatch(/has 12\d{4} characters .*OpenAI allows 120000/);
  });
});
