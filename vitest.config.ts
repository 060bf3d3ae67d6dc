import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["packages/*", "examples", "test"],
    // Names the run in LLMC_TEST_RUN_ID and fails it if any process it started is left over.
    globalSetup: ["./test/suite/global-setup.ts"],
  },
});
