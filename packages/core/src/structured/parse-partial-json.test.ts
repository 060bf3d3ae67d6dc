import { describe, expect, it } from "vitest";
import { parsePartialJson } from "./parse-partial-json.js";

describe("parsePartialJson", () => {
  it("closes what is open and leaves out what has not arrived", () => {
    const text = '{"name": "Ada Lovelace", "tags": ["math", "poetry"], "born": 1815, "ok": true}';
    const seen = [];
    for (let end = 0; end <= text.length; end++) seen.push(parsePartialJson(text.slice(0, end)));
    expect(seen.at(-1)).toEqual(JSON.parse(text));
    expect(parsePartialJson('{"name": "Ada Lo')).toEqual({ name: "Ada Lo" });
    expect(parsePartialJson('{"name": "Ada", "ta')).toEqual({ name: "Ada" });
    expect(parsePartialJson('{"tags": ["math", "po')).toEqual({ tags: ["math", "po"] });
    expect(parsePartialJson('{"born": 18')).toEqual({}); // 18 could still become 1815
    expect(parsePartialJson('{"ok": tr')).toEqual({});
    expect(parsePartialJson('{"s": "a\\')).toEqual({ s: "a" });
    expect(parsePartialJson('{"s": "\\u00e')).toEqual({ s: "" });
    expect(parsePartialJson("")).toBeUndefined();
    // Every prefix parses to something JSON-shaped or undefined, never throws.
    for (const value of seen) expect(value === undefined || typeof value === "object").toBe(true);
  });

  it("is undefined for text that is not JSON", () => {
    expect(parsePartialJson("Sure! Here is")).toBeUndefined();
    expect(parsePartialJson('{"a" 1}')).toBeUndefined();
  });
});
