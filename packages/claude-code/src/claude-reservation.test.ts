import { LLMConfigError, usdToNanos } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { CLAUDE_PRICES } from "./claude-code-prices.js";
import { multiTurnReservationNanos, oneTurnWorstCaseNanos } from "./claude-reservation.js";

const sonnet = CLAUDE_PRICES.models["claude-sonnet-4-5"]!;

describe("multi-turn reservation", () => {
  it("is the cap plus one turn at full context and full output", () => {
    // One turn: 200k input tokens at the dearest input rate (cache write $3.75) + 32k output
    // at $15 = $0.75 + $0.48.
    expect(oneTurnWorstCaseNanos("claude-sonnet-4-5", 32_000, sonnet)).toBe(usdToNanos(1.23));
    expect(multiTurnReservationNanos(0.5, "claude-sonnet-4-5", 32_000, sonnet)).toBe(
      usdToNanos(1.73),
    );
  });

  it("uses the 1M window for [1m] models, where the long-context tier applies", () => {
    // 1M input at the long-context cache-write rate ($7.50) + 1000 output at $22.50.
    expect(oneTurnWorstCaseNanos("claude-sonnet-4-5[1m]", 1000, sonnet)).toBe(
      usdToNanos(7.5 + 0.0225),
    );
  });

  it("refuses a budgeted multi-turn call without a cap, naming the option", () => {
    expect(() => multiTurnReservationNanos(undefined, "claude-sonnet-4-5", 1000, sonnet)).toThrow(
      LLMConfigError,
    );
    try {
      multiTurnReservationNanos(undefined, "claude-sonnet-4-5", 1000, sonnet);
    } catch (error) {
      expect(error).toMatchObject({ field: "maxCallCostUsd" });
    }
  });
});
