import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "gemini",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 10_000,
  },
});
