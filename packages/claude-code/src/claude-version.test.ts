import { describe, expect, it } from "vitest";
import { isOlderThan, MIN_VERSION, parseClaudeVersion } from "./claude-version.js";

describe("the CLI's version", () => {
  it("is read from what `claude --version` prints", () => {
    expect(parseClaudeVersion("2.1.332 (Claude Code)\n")).toEqual([2, 1, 332]);
    expect(parseClaudeVersion("1.0.128 (Claude Code)")).toEqual([1, 0, 128]);
    expect(parseClaudeVersion("Claude Code")).toBeUndefined();
  });

  it("is compared numerically, part by part, against the minimum 2.1.81", () => {
    expect(MIN_VERSION).toEqual([2, 1, 81]);
    expect(isOlderThan([2, 1, 80], MIN_VERSION)).toBe(true);
    expect(isOlderThan([2, 0, 999], MIN_VERSION)).toBe(true);
    expect(isOlderThan([1, 9, 999], MIN_VERSION)).toBe(true);
    expect(isOlderThan([2, 1, 81], MIN_VERSION)).toBe(false);
    expect(isOlderThan([2, 1, 197], MIN_VERSION)).toBe(false); // not "197" < "81" as text
    expect(isOlderThan([3, 0, 0], MIN_VERSION)).toBe(false);
  });
});
