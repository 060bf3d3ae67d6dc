import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The suite must pass in a fresh clone with nothing beside it (issue 10 §6): no test, support
 * module or source file may reach into the shared folder next to the checkout. Recorded
 * provider responses live in packages/testing/fixtures/recorded instead.
 */
const repoRoot = join(import.meta.dirname, "../..");
const SKIP = new Set(["node_modules", "dist", ".turbo", "coverage", "fixtures"]);
// Built from parts so this file does not match itself.
const OUTSIDE_REPO = new RegExp(["\\.\\./", "shared\\b|", "shared/", "fixtures"].join(""));

function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...codeFiles(path));
    else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(entry.name)) out.push(path);
  }
  return out;
}

describe("the suite is self-contained", () => {
  it("no code under packages/ or test/ reads the shared folder beside the checkout", () => {
    const files = [...codeFiles(join(repoRoot, "packages")), ...codeFiles(join(repoRoot, "test"))];
    expect(files.length).toBeGreaterThan(50);
    const offenders = files
      .filter((file) => OUTSIDE_REPO.test(readFileSync(file, "utf8")))
      .map((file) => relative(repoRoot, file));
    expect(offenders).toEqual([]);
  });
});
