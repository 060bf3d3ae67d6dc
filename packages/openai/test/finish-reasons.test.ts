import { describe, expect, it } from "vitest";
import { useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

describe("finish reasons through the SDK", () => {
  it("length when max_completion_tokens cut the answer", async () => {
    env.sim.script("openai", { text: "one two three four five six seven eight" });
    const result = await env
      .adapter()
      .executePrompt("Count", { model: "gpt-4o-mini", maxOutputTokens: 2 });
    expect(result.finishReason).toEqual({ kind: "length", raw: "length" });
    expect(result.usage.outputTokens).toBe(2);
  });

  it("content_filter is a result, not an error: the partial text and its usage are kept", async () => {
    env.sim.script("openai", { text: "Partial", finishReason: "content_filter" });
    const result = await env.adapter().executePrompt("Hi", { model: "gpt-4o-mini" });
    expect(result.finishReason).toEqual({ kind: "content-filter", raw: "content_filter" });
    expect(result.text).toBe("Partial");
  });
});
