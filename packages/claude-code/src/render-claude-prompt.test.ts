import { LLMConfigError } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { renderClaudePrompt } from "./render-claude-prompt.js";

describe("renderClaudePrompt", () => {
  it("sends one user message as is", () => {
    expect(renderClaudePrompt([{ role: "user", content: "Hi" }], undefined)).toEqual({
      prompt: "Hi",
      systemPrompt: undefined,
    });
  });

  it("joins system messages to the system prompt", () => {
    const rendered = renderClaudePrompt(
      [
        { role: "system", content: "Answer in French." },
        { role: "user", content: "Hi" },
      ],
      "Be terse.",
    );
    expect(rendered.systemPrompt).toBe("Be terse.\n\nAnswer in French.");
  });

  it("sends earlier turns as a transcript before the last user message", () => {
    const rendered = renderClaudePrompt(
      [
        { role: "user", content: "My name is Ada." },
        { role: "assistant", content: "Hello Ada." },
        { role: "user", content: "What is my name?" },
      ],
      undefined,
    );
    expect(rendered.prompt).toMatchInlineSnapshot(`
      "<conversation>
      <user>
      My name is Ada.
      </user>
      <assistant>
      Hello Ada.
      </assistant>
      </conversation>

      What is my name?"
    `);
  });

  it("refuses a conversation that does not end with a user message", () => {
    expect(() =>
      renderClaudePrompt(
        [
          { role: "user", content: "Hi" },
          { role: "assistant", content: "Hello" },
        ],
        undefined,
      ),
    ).toThrow(LLMConfigError);
  });
});
