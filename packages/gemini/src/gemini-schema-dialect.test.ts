import { LLMConfigError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { geminiNeedsSchemaSubset, toGeminiSchemaSubset } from "./gemini-schema-dialect.js";

describe("Gemini schema dialect", () => {
  it("gives the OpenAPI subset only to Gemini 1.x and 2.0", () => {
    expect(geminiNeedsSchemaSubset("gemini-2.0-flash")).toBe(true);
    expect(geminiNeedsSchemaSubset("models/gemini-1.5-pro")).toBe(true);
    expect(geminiNeedsSchemaSubset("gemini-2.5-flash")).toBe(false);
    expect(geminiNeedsSchemaSubset("gemini-3-pro-preview")).toBe(false);
  });

  it("rewrites what the subset spells differently and drops what it lacks", () => {
    expect(
      toGeminiSchemaSubset({
        type: "object",
        properties: {
          b: { type: ["string", "null"] },
          a: { anyOf: [{ type: "number" }, { type: "null" }] },
          kind: { const: "x" },
          pick: { oneOf: [{ type: "string" }, { type: "number" }] },
        },
        required: ["b"],
        additionalProperties: false,
      }),
    ).toEqual({
      type: "object",
      properties: {
        b: { type: "string", nullable: true },
        a: { type: "number", nullable: true },
        kind: { enum: ["x"], type: "string", format: "enum" },
        pick: { anyOf: [{ type: "string" }, { type: "number" }] },
      },
      propertyOrdering: ["b", "a", "kind", "pick"],
      required: ["b"],
    });
  });

  it("refuses what it cannot express, naming the path", () => {
    const recursive = { type: "object", properties: { node: { $ref: "#/$defs/node" } } };
    expect(() => toGeminiSchemaSubset(recursive)).toThrow(LLMConfigError);
    expect(() => toGeminiSchemaSubset(recursive)).toThrow(/`\$ref` at `#\/properties\/node`/);
    expect(() => toGeminiSchemaSubset({ type: "array", items: [{ type: "string" }] })).toThrow(
      /tuple/,
    );
    expect(() => toGeminiSchemaSubset({ enum: [1, 2] })).toThrow(/non-string enum/);
  });
});
