import { describe, expect, it } from "vitest";
import { SharedDeadlines, TIMED_OUT } from "../src/deadlines.js";

describe("SharedDeadlines", () => {
  it("rejects no sooner than the timeout and at most one slice later", async () => {
    const deadlines = new SharedDeadlines(100);
    expect(deadlines.sliceMs).toBe(5);
    const start = performance.now();
    await expect(deadlines.next()).rejects.toBe(TIMED_OUT);
    const elapsed = performance.now() - start;
    expect(elapsed).toBeGreaterThanOrEqual(99);
    expect(elapsed).toBeLessThan(400);
  });

  it("calls in the same slice share one deadline; a later slice gets its own", async () => {
    const deadlines = new SharedDeadlines(2_000);
    const first = deadlines.next();
    expect(deadlines.next()).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, deadlines.sliceMs + 5));
    expect(deadlines.next()).not.toBe(first);
  });

  it("caps the slice at 50 ms for long timeouts", () => {
    expect(new SharedDeadlines(60_000).sliceMs).toBe(50);
    expect(new SharedDeadlines(10).sliceMs).toBe(1);
  });
});
