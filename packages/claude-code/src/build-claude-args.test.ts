import { describe, expect, it } from "vitest";
import { buildClaudeArgs, type ClaudeArgsInput } from "./build-claude-args.js";

const singleTurn: ClaudeArgsInput = {
  model: "claude-sonnet-4-5",
  stream: false,
  systemPrompt: undefined,
  systemPromptMode: "replace",
  tools: [],
  allowedTools: undefined,
  permissionMode: undefined,
  maxTurns: 1,
  maxBudgetUsd: undefined,
  settingSources: [],
  sessionPersistence: false,
  bare: false,
};

describe("buildClaudeArgs", () => {
  it("runs a plain call as one turn, tools off, nothing loaded, nothing persisted", () => {
    expect(buildClaudeArgs(singleTurn)).toMatchInlineSnapshot(`
      [
        "-p",
        "--output-format",
        "json",
        "--model",
        "claude-sonnet-4-5",
        "--tools",
        "",
        "--max-turns",
        "1",
        "--setting-sources",
        "",
        "--strict-mcp-config",
        "--no-session-persistence",
      ]
    `);
  });

  it("asks for structured output with --json-schema, last, and not otherwise", () => {
    const schema = '{"type":"object","properties":{"total":{"type":"number"}}}';
    expect(buildClaudeArgs({ ...singleTurn, jsonSchema: schema }).slice(-2)).toEqual([
      "--json-schema",
      schema,
    ]);
    expect(buildClaudeArgs(singleTurn)).not.toContain("--json-schema");
  });

  it("streams with stream-json, --verbose and partial messages", () => {
    const args = buildClaudeArgs({ ...singleTurn, stream: true });
    expect(args.slice(0, 6)).toEqual([
      "-p",
      "--output-format",
      "stream-json",
      "--verbose",
      "--include-partial-messages",
      "--model",
    ]);
  });

  it("passes tools, permissions, the turn limit and the per-call cap of a multi-turn call", () => {
    const args = buildClaudeArgs({
      ...singleTurn,
      tools: ["Read", "Grep"],
      allowedTools: ["Read", "Bash(git *)"],
      permissionMode: "acceptEdits",
      maxTurns: 8,
      maxBudgetUsd: 0.25,
      settingSources: ["user", "project"],
      sessionPersistence: true,
    });
    expect(args).toMatchInlineSnapshot(`
      [
        "-p",
        "--output-format",
        "json",
        "--model",
        "claude-sonnet-4-5",
        "--tools",
        "Read,Grep",
        "--allowedTools",
        "Read,Bash(git *)",
        "--permission-mode",
        "acceptEdits",
        "--max-turns",
        "8",
        "--max-budget-usd",
        "0.25",
        "--setting-sources",
        "user,project",
        "--strict-mcp-config",
      ]
    `);
  });

  it("writes tiny caps in plain decimals, never exponent notation", () => {
    const args = buildClaudeArgs({ ...singleTurn, maxBudgetUsd: 0.000000123 });
    expect(args[args.indexOf("--max-budget-usd") + 1]).toBe("0.000000123");
  });

  it("maps systemPrompt to --system-prompt, or --append-system-prompt in append mode", () => {
    const replace = buildClaudeArgs({ ...singleTurn, systemPrompt: "Be terse." });
    expect(replace[replace.indexOf("--system-prompt") + 1]).toBe("Be terse.");
    const append = buildClaudeArgs({
      ...singleTurn,
      systemPrompt: "Be terse.",
      systemPromptMode: "append",
    });
    expect(append).toContain("--append-system-prompt");
    expect(append).not.toContain("--system-prompt");
  });

  it("never puts the prompt in argv (it goes to stdin)", () => {
    expect(buildClaudeArgs(singleTurn).join(" ")).not.toContain("Say hello");
  });
});
