import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "agent",
    include: ["test/**/*.test.ts"],
    // The simulator tests start a local server and drive the real SDKs; the machine is shared.
    testTimeout: 30_000,
    hookTimeout: 20_000,
  },
});
