import { describe, expect, it } from "vitest";
import { useSimulator } from "./simulator-fixture.js";

const env = useSimulator();

describe("through the SDK", () => {
  it("length, with the upstream's own reason kept in providerMetadata", async () => {
    env.sim.script("openrouter", {
      text: "a b c d e f g h i j k l",
      nativeFinishReason: "MAX_TOKENS",
      upstreamProvider: "Google AI Studio",
    });
    const result = await env
      .adapter()
      .executePrompt("Hi", { model: "google/gemini-2.5-flash", maxOutputTokens: 2 });
    expect(result.finishReason).toEqual({ kind: "length", raw: "length" });
    expect(result.providerMetadata).toMatchObject({
      nativeFinishReason: "MAX_TOKENS",
      upstreamProvider: "Google AI Studio",
    });
  });
});
