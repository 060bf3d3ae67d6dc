import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY, parseRetryAfterHeaders, retryDelayMs } from "./retry-policy.js";

describe("retryDelayMs", () => {
  it("backs off exponentially up to the cap, with at most 25% jitter subtracted", () => {
    const noJitter = () => 0;
    const fullJitter = () => 1;
    expect(
      [1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, undefined, DEFAULT_RETRY_POLICY, noJitter)),
    ).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(retryDelayMs(1, undefined, DEFAULT_RETRY_POLICY, fullJitter)).toBe(375);
  });

  it("honours the server's wait up to the policy's limit, and gives up beyond it", () => {
    expect(retryDelayMs(1, 34_400, DEFAULT_RETRY_POLICY)).toBe(34_400);
    expect(retryDelayMs(1, 61_000, DEFAULT_RETRY_POLICY)).toBeUndefined();
  });
});

describe("parseRetryAfterHeaders", () => {
  const from = (headers: Record<string, string>) => (name: string) => headers[name];
  it("prefers retry-after-ms, then retry-after seconds, then an HTTP date", () => {
    expect(parseRetryAfterHeaders(from({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
    expect(parseRetryAfterHeaders(from({ "retry-after": "1.5" }))).toBe(1500);
    const now = Date.parse("2026-11-25T10:00:00Z");
    expect(
      parseRetryAfterHeaders(from({ "retry-after": "Wed, 25 Nov 2026 10:00:07 GMT" }), now),
    ).toBe(7000);
    expect(parseRetryAfterHeaders(from({ "retry-after": "soon" }))).toBeUndefined();
    expect(parseRetryAfterHeaders(from({}))).toBeUndefined();
  });
});
