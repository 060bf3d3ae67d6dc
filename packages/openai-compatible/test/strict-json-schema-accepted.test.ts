import { startSimulator } from "@llmc/testing";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type JsonSchema, toStrictJsonSchema } from "../src/strict-json-schema.js";

// What the transformer produces must pass OpenAI's own strict-mode checks, which the simulator
// reproduces independently (its 400s are OpenAI's): a schema that slipped through here would
// fail in production the same way.
let sim: Awaited<ReturnType<typeof startSimulator>>;
let client: OpenAI;
beforeAll(async () => {
  sim = await startSimulator();
  client = new OpenAI({ apiKey: "sk-test", baseURL: sim.openai.baseURL, maxRetries: 0 });
});
afterAll(() => sim.close());

const Node: z.ZodType = z.object({
  name: z.string(),
  note: z.string().optional(),
  get children() {
    return z.array(Node);
  },
});

const SCHEMAS: Record<string, z.ZodType> = {
  optional: z.object({ name: z.string(), nick: z.string().optional(), age: z.number().optional() }),
  defaults: z.object({ currency: z.string().default("EUR"), total: z.number() }),
  nested: z.object({
    items: z.array(z.object({ sku: z.string(), qty: z.number().int().optional() })),
    meta: z.looseObject({ source: z.string().optional() }),
    extra: z.object({ a: z.string() }).catchall(z.number()),
    address: z.object({ city: z.string() }).optional(),
    unit: z.enum(["C", "F"]).optional(),
  }),
  union: z.object({
    shape: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("circle"), r: z.number() }),
      z.object({ kind: z.literal("square"), side: z.number(), label: z.string().optional() }),
    ]),
    value: z.union([z.string(), z.number()]),
  }),
  rootArray: z.array(z.object({ id: z.string() })),
  rootString: z.string(),
  recursive: Node,
  formats: z.object({ site: z.url(), mail: z.email(), when: z.iso.datetime(), id: z.uuid() }),
};

describe("strict schemas the transformer makes are accepted by OpenAI's strict-mode checks", () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(name, async () => {
      const wire = toStrictJsonSchema(z.toJSONSchema(schema, { io: "input" }) as JsonSchema, {
        where: "the response schema",
      }) as Record<string, unknown>;
      const asFormat = await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "hi" }],
        response_format: { type: "json_schema", json_schema: { name, strict: true, schema: wire } },
      });
      expect(asFormat.choices[0]?.finish_reason).toBe("stop");
      const asTool = await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: "hi" }],
        tools: [{ type: "function", function: { name, strict: true, parameters: wire } }],
      });
      expect(asTool.choices[0]?.finish_reason).toBe("stop");
    });
  }
});
