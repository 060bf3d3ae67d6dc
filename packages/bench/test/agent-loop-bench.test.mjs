// The agent-loop benchmark runs end to end in a tiny configuration. No timing is asserted:
// only that both variants were measured and each ratio is a positive number.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("../bench/agent-loop.bench.mjs", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "llmc-agent-bench-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("agent-loop bench", () => {
  it("measures runAgent against the loop by hand, per step, as a ratio in the same run", () => {
    const out = join(work, "agent-loop.json");
    const stdout = execFileSync(
      process.execPath,
      [script, "--rounds=2", "--runs=2", "--steps=3", "--warmup=1", `--out=${out}`],
      { encoding: "utf8", timeout: 170_000 },
    );
    expect(stdout).toContain("× by hand (median round)");
    const report = JSON.parse(readFileSync(out, "utf8"));
    const mock = report.sets.mock;
    expect(mock.rows.map((row) => row.variant)).toEqual(["by hand (executePrompt)", "runAgent"]);
    expect(mock.rows[0].ratioToByHand).toBe(1);
    for (const row of mock.rows) {
      expect(row.ratioToByHand).toBeGreaterThan(0);
      expect(row.cpuUsPerStep).toBeGreaterThan(0);
    }
    // Over HTTP too once the OpenAI adapter has tools; until then it says it skipped.
    const openai = report.sets.openai;
    if ("skipped" in openai) expect(openai.skipped).toMatch(/does not support tools/);
    else
      expect(openai.rows.map((row) => row.variant)).toEqual([
        "by hand (executePrompt)",
        "runAgent",
      ]);
  });
});
