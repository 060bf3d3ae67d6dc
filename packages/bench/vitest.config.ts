import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "bench",
    include: ["test/**/*.test.mjs"],
    // Each test starts Node processes (a bench and its simulator) on a machine that may be busy.
    testTimeout: 180_000,
  },
});
