import { LLMAbortError } from "@llmc/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CliHarness,
  eventually,
  processesIn,
  rejectionOf,
  startCliHarness,
} from "./helpers.js";

// A stream that stalls after its first delta: the CLI's own idle watchdog would wait 300 s,
// so only the adapter's kill ends it. After every call, no process may remain in the cwd the
// CLI ran in (the pnpm shim and the native binary it starts).
let harness: CliHarness;
beforeAll(async () => {
  harness = await startCliHarness();
});
afterAll(async () => {
  await harness.close();
});

const stall = { fault: "stall-stream" as const, afterChunks: 1 };

describe("killing the CLI", () => {
  it("on abort: LLMAbortError once the request is in flight, nothing left running", async () => {
    const { sim } = harness;
    sim.reset();
    sim.script("anthropic", stall);
    const controller = new AbortController();
    const call = rejectionOf(
      harness.adapter().executePrompt("Say hello", {
        model: "claude-haiku-4-5",
        signal: controller.signal,
      }),
    );
    await eventually(async () => sim.requestCount("anthropic") === 1, "the CLI's request");
    // The shim and the native binary it started are both running in the cwd.
    expect((await processesIn(harness.cwd)).length).toBeGreaterThanOrEqual(2);
    controller.abort();
    const error = await call;
    expect(error).toBeInstanceOf(LLMAbortError);
    expect(error.message).toBe("The claude-code call was aborted by its caller");
    expect(await processesIn(harness.cwd)).toEqual([]);
  });
});
