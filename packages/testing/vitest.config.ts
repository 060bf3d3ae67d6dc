import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "testing",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 10_000,
    // Every simulator test file imports the three provider SDKs; sharing the module cache
    // between files (each file still starts its own simulator) saves most of the run time.
    isolate: false,
  },
});
