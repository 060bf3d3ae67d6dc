import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "openai-compatible",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 15_000,
  },
});
