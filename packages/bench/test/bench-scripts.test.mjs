// The bench scripts run end to end in a tiny configuration and report ratios. No timing is
// asserted: only that every variant was measured and each ratio is a positive number.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const benchDir = fileURLToPath(new URL("../bench/", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "llmc-bench-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const runScript = (name, args) =>
  execFileSync(process.execPath, [join(benchDir, name), ...args], {
    encoding: "utf8",
    timeout: 170_000,
  });

describe("bench scripts", () => {
  it("per-call: every library measured against the raw SDK, ratios printed and written", () => {
    const out = join(work, "per-call-node0.json");
    const stdout = runScript("per-call.bench.mjs", [
      "--rounds=2",
      "--sequential=2",
      "--concurrent=4",
      "--in-flight=2",
      "--warmup=1",
      `--out=${out}`,
    ]);
    expect(stdout).toContain("× raw (median round)");
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report.machine.nproc).toBeGreaterThan(0);
    expect(report.versions.openai).toMatch(/^\d+\./);
    for (const [set, floor] of [
      ["openai", "raw openai"],
      ["gemini", "raw @google/genai"],
    ]) {
      const modes = report.sets[set];
      expect(Object.keys(modes)).toEqual([
        "sequential-generate",
        "sequential-stream",
        "concurrent-generate",
        "concurrent-stream",
      ]);
      for (const { rows } of Object.values(modes)) {
        expect(rows.map((row) => row.variant)).toEqual([
          floor,
          "llmc",
          "llmc + budget",
          "AI SDK",
          "LangChain",
        ]);
        expect(rows[0].ratioToRaw).toBe(1);
        for (const row of rows) expect(row.ratioToRaw).toBeGreaterThan(0);
      }
    }

    const doc = join(work, "benchmarks.md");
    writeFileSync(doc, "# Benchmarks\n\nHand-written text.\n");
    runScript("write-report.mjs", [`--results=${work}`, `--doc=${doc}`]);
    runScript("write-report.mjs", [`--results=${work}`, `--doc=${doc}`]); // replaces, not appends
    const written = readFileSync(doc, "utf8");
    expect(written).toContain("Hand-written text.");
    expect(written.match(/bench:results:start/g)).toHaveLength(1);
    expect(written).toMatch(/\| llmc \+ budget \| \d+\.\d{3} · CPU \d+\.\d{2} \|/);
  });

  it("cold-import: prints the extra time of each set over importing nothing", () => {
    const out = join(work, "cold-import.json");
    runScript("cold-import.bench.mjs", [
      "--samples=1",
      "--sets=@llmc/core + @llmc/openai,raw openai",
      `--out=${out}`,
    ]);
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(report.rows.map((row) => row.set)).toEqual(["@llmc/core + @llmc/openai", "raw openai"]);
    for (const row of report.rows) expect(typeof row.extraMs).toBe("number");
  });
});
