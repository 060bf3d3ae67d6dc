import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "budget-redis",
    include: ["test/**/*.test.ts"],
    // Every test file starts its own redis-server; the slowest (multi-process, restart) need
    // a few seconds, and none may hang the suite.
    testTimeout: 30_000,
    hookTimeout: 20_000,
  },
});
