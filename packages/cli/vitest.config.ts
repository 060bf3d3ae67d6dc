import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "cli",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Each test spawns the real bin (a fresh Node process) on a loaded machine.
    testTimeout: 60_000,
  },
});
