import { afterEach, describe, expect, it } from "vitest";
import { guardedProcessCount, guardProcess } from "./host-exit-guard.js";

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const counts = () => [
  process.listenerCount("exit"),
  ...SIGNALS.map((signal) => process.listenerCount(signal)),
];

describe("host exit guard", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it("listens to exit and the three signals only while a process is registered", () => {
    const before = counts();
    const first = guardProcess({ stop: () => {} });
    const second = guardProcess({ stop: () => {} });
    cleanups.push(first, second);
    expect(counts()).toEqual(before.map((count) => count + 1));
    expect(guardedProcessCount()).toBe(2);
    first();
    first(); // idempotent
    expect(counts()).toEqual(before.map((count) => count + 1));
    second();
    expect(counts()).toEqual(before);
    expect(guardedProcessCount()).toBe(0);
  });

  it("on a signal the host handles itself, stops every process and leaves the host alone", () => {
    const stopped: string[] = [];
    const hostListener = () => {};
    process.on("SIGHUP", hostListener);
    try {
      cleanups.push(guardProcess({ stop: (reason) => stopped.push(`a:${reason}`) }));
      cleanups.push(
        guardProcess({
          stop: () => {
            throw new Error("a group that cannot be signalled");
          },
        }),
      );
      cleanups.push(guardProcess({ stop: (reason) => stopped.push(`c:${reason}`) }));
      process.emit("SIGHUP", "SIGHUP");
      expect(stopped).toEqual(["a:SIGHUP", "c:SIGHUP"]);
    } finally {
      process.removeListener("SIGHUP", hostListener);
    }
  });
});
