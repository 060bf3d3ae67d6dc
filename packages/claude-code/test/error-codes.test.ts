import type { LLMErrorCode } from "@llmc/core";
import { describe, expect, expectTypeOf, it } from "vitest";
import { ClaudeCodeMaxBudgetError, ClaudeCodeMaxTurnsError } from "../src/index.js";

describe("Claude Code error codes", () => {
  it("join core's LLMErrorCode union, so an exhaustive switch must handle them", () => {
    expectTypeOf<"max_turns" | "max_budget">().toExtend<LLMErrorCode>();
    expectTypeOf(new ClaudeCodeMaxTurnsError("x", {}).code).toEqualTypeOf<"max_turns">();
    expectTypeOf(new ClaudeCodeMaxBudgetError("x", {}).code).toEqualTypeOf<"max_budget">();
  });

  it("carry the codes their types name", () => {
    expect(new ClaudeCodeMaxTurnsError("x", {}).code).toBe("max_turns");
    expect(new ClaudeCodeMaxBudgetError("x", {}).code).toBe("max_budget");
  });
});
