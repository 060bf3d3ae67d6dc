import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "claude-code",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Each real CLI run takes ~0.6 s and ~290 MiB; a few tests run several.
    testTimeout: 30_000,
    hookTimeout: 20_000,
  },
});
