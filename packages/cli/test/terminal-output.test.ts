import { type Simulator, startSimulator } from "@llmc/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useColor } from "../src/color.js";
import { main } from "../src/main.js";
import { fakeIo, RecordingStream } from "./fake-io.js";
import { ANSI_ESCAPE, simulatorEnv } from "./llmc-bin.js";

// A spawned process never has a terminal; these run `main` in-process with streams that say
// they are one, to pin what only a terminal gets: streaming and colour.
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.reset();
  vi.unstubAllEnvs();
});

function stubSimulatorEnv() {
  for (const [name, value] of Object.entries(simulatorEnv(sim))) vi.stubEnv(name, value);
}

describe("on a terminal", () => {
  it("streams each delta as it arrives, then a dim summary line", async () => {
    stubSimulatorEnv();
    sim.script("openai", { chunks: ["Hard ", "caps ", "hold."], chunkDelayMs: 5 });
    const { io, stdout, stderr } = fakeIo({ tty: true, env: {} });
    const code = await main(["run", "hi", "-p", "openai"], io);
    expect(code).toBe(0);
    expect(stdout.writes).toEqual(["Hard ", "caps ", "hold.", "\n"]);
    expect(sim.requests[0]?.stream).toBe(true);
    expect(stderr.text.startsWith("\x1b[2mopenai gpt-4o-mini · ")).toBe(true);
    expect(stderr.text.endsWith("\x1b[22m\n")).toBe(true);
    expect(stderr.text).toContain(" (price-table) · ");
  });

  it("--no-stream waits for the whole answer", async () => {
    stubSimulatorEnv();
    sim.script("openai", { chunks: ["a ", "b"] });
    const { io, stdout } = fakeIo({ tty: true, env: {} });
    expect(await main(["run", "hi", "-p", "openai", "--no-stream"], io)).toBe(0);
    expect(stdout.writes).toEqual(["a b\n"]);
    expect(sim.requests[0]?.stream).toBe(false);
  });

  it("NO_COLOR turns colour off, also on a terminal", async () => {
    stubSimulatorEnv();
    const { io, stderr } = fakeIo({ tty: true, env: { NO_COLOR: "1" } });
    expect(await main(["run", "hi", "-p", "openai"], io)).toBe(0);
    expect(stderr.text).not.toMatch(ANSI_ESCAPE);
    expect(stderr.text).toMatch(/^openai gpt-4o-mini · /);
  });
});

describe("useColor", () => {
  it.each([
    [true, {}, true],
    [true, { NO_COLOR: "1" }, false],
    [true, { NO_COLOR: "" }, true],
    [true, { TERM: "dumb" }, false],
    [false, {}, false],
  ])("tty %s, env %j → %s", (tty, env, expected) => {
    expect(useColor(new RecordingStream(tty), env)).toBe(expected);
  });
});
