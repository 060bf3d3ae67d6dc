import { describe, expect, it } from "vitest";
import { planClaudeCall } from "./plan-claude-call.js";

const model = { model: "claude-sonnet-4-5" };

describe("planClaudeCall", () => {
  it("runs a call without tools as exactly one turn, with no cap", () => {
    expect(planClaudeCall({}, model)).toEqual({
      multiTurn: false,
      tools: [],
      maxTurns: 1,
      capUsd: undefined,
    });
    expect(planClaudeCall({ maxTurns: 1, maxCallCostUsd: 1 }, model).multiTurn).toBe(false);
  });

  it("is multi-turn with tools or more than one turn; the call's extras win", () => {
    expect(planClaudeCall({ tools: ["Read"], maxCallCostUsd: 1 }, model)).toEqual({
      multiTurn: true,
      tools: ["Read"],
      maxTurns: undefined,
      capUsd: 1,
    });
    expect(
      planClaudeCall({ maxTurns: 3, maxCallCostUsd: 1 }, { ...model, maxCallCostUsd: 0.2 }),
    ).toMatchObject({ multiTurn: true, maxTurns: 3, capUsd: 0.2 });
    expect(planClaudeCall({}, { ...model, maxTurns: 5 })).toMatchObject({
      multiTurn: true,
      maxTurns: 5,
    });
  });
});
