import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

describe("background settle retries", () => {
  it("do not keep a finished program alive (their timers are unref'd)", () => {
    // A pending settle whose lease lasts 10 minutes: the program must still end at once.
    const script = `
      import { BudgetTracker, InMemoryBudgetStore } from "@llmc/core";
      const inner = new InMemoryBudgetStore();
      const store = { ...inner, reserve: (r) => inner.reserve(r), snapshot: (n) => inner.snapshot(n),
        adjustTotal: (n, d) => inner.adjustTotal(n, d), release: () => Promise.reject(new Error("down")),
        settle: () => Promise.reject(new Error("down")) };
      const budget = new BudgetTracker({ total: 1, store });
      const reservation = await budget.reserve(1000);
      const outcome = await reservation.settleEventually(500, { callAnswered: true });
      process.stdout.write(outcome.status + " " + budget.pendingSettles.length);`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: packageDir,
      encoding: "utf8",
      timeout: 60_000,
    });
    // With ref'd timers the retries would run on for the 10-minute lease and execFileSync
    // would kill the child at its timeout, failing here.
    expect(out).toBe("pending 1");
  }, 90_000);
});
