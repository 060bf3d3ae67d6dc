import { OPENAI_COMPATIBLE_PRESETS } from "@llmc/openai-compatible";
import { describe, expect, it } from "vitest";
import { PRESETS } from "../src/providers/provider-registry.js";

// The CLI lists presets without importing @llmc/openai-compatible (it is an optional peer), so
// it keeps their endpoint and variables itself: they must be the presets' own.
describe("llmc presets", () => {
  it("are exactly @llmc/openai-compatible's presets, with the same endpoint and variables", () => {
    expect(PRESETS.map((p) => p.name).sort()).toEqual(
      Object.keys(OPENAI_COMPATIBLE_PRESETS).sort(),
    );
    for (const preset of PRESETS) {
      const dialect = OPENAI_COMPATIBLE_PRESETS[preset.name]!;
      expect([preset.name, preset.baseUrl, preset.baseUrlEnv, preset.keyEnv]).toEqual([
        dialect.provider,
        dialect.baseURL,
        dialect.baseURLEnv,
        dialect.apiKeyEnv,
      ]);
      expect(preset.keyRequired).toBe(dialect.apiKeyRequired !== false);
    }
  });
});
