import { describe, expect, it } from "vitest";
import { parseGeminiRetryDelay } from "./parse-gemini-retry-delay.js";

describe("parseGeminiRetryDelay", () => {
  it.each([
    ["34.4s", 34_400],
    ["1s", 1_000],
    ["0.05s", 50],
    ["0.050000000s", 50],
    [" 2s ", 2_000],
  ])("%s → %i ms", (value, ms) => {
    expect(parseGeminiRetryDelay(value)).toBe(ms);
  });

  it.each(["", "34.4", "5m", "-1s", "abc"])("rejects %j", (value) => {
    expect(parseGeminiRetryDelay(value)).toBeUndefined();
  });
});
