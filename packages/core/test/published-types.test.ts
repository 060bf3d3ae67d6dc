import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BudgetReservation, BudgetTracker } from "../src/index.js";

// The suite runs after `turbo run build`, so dist/ holds what `npm publish` would ship.
const distDir = fileURLToPath(new URL("../dist", import.meta.url));

/** Members that once shipped tagged `@internal`: callable by users, and able to corrupt state. */
const INTERNAL_MEMBERS = [
  "applyLocally",
  "emitUpward",
  "emitSettle",
  "deferSettle",
  "callStore",
  "afterSettle",
  "dropLocalHold",
  "watchesThresholds",
  "listensUpward",
];

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return declarationFiles(path);
    return entry.name.endsWith(".d.ts") && !entry.name.includes(".test.") ? [path] : [];
  });
}

describe("the published types of @llmc/core", () => {
  const files = existsSync(distDir) ? declarationFiles(distDir) : [];
  const read = (path: string) => ({
    file: relative(distDir, path),
    text: readFileSync(path, "utf8"),
  });

  it("exist (build core before running this test)", () => {
    expect(files.map((path) => relative(distDir, path))).toContain("index.d.ts");
  });

  it("carry no @internal tag", () => {
    const tagged = files.map(read).filter(({ text }) => text.includes("@internal"));
    expect(tagged.map(({ file }) => file)).toEqual([]);
  });

  it("declare none of the tracker's private collaboration members", () => {
    const found = files
      .map(read)
      .flatMap(({ file, text }) =>
        INTERNAL_MEMBERS.filter((name) => new RegExp(`\\b${name}\\b`).test(text)).map(
          (name) => `${file}: ${name}`,
        ),
      );
    expect(found).toEqual([]);
  });

  it("give BudgetTracker one public constructor (options only) and BudgetReservation none", () => {
    const { text } = read(join(distDir, "budget", "budget-tracker.d.ts"));
    expect(text.match(/constructor\([^)]*\)/g)).toEqual([
      "constructor(options: BudgetTrackerOptions)",
      "constructor()",
    ]);
    expect(text).toMatch(/private constructor\(\);/);
  });
});

describe("the tracker's internals are private at run time too", () => {
  it("has no callable collaboration members on a tracker or a reservation", async () => {
    const budget = new BudgetTracker({ total: 1 });
    const reservation = await budget.reserve(1_000);
    for (const name of INTERNAL_MEMBERS) {
      expect((budget as unknown as Record<string, unknown>)[name]).toBeUndefined();
      expect((reservation as unknown as Record<string, unknown>)[name]).toBeUndefined();
    }
    await reservation.release();
    expect(budget.reserved).toBe(0);
  });

  it("refuses a forged reservation, which could free a hold it never took", async () => {
    const budget = new BudgetTracker({ total: 1 });
    await budget.reserve(1_000);
    const Forge = BudgetReservation as unknown as new (...args: unknown[]) => BudgetReservation;
    expect(() => new Forge(budget, "forged", 1_000)).toThrow(/BudgetTracker\.reserve\(\)/);
    expect(budget.reserved).toBe(0.000001);
  });

  it("ignores a second constructor argument: no grafting a tracker onto a tree", () => {
    const root = new BudgetTracker({ total: 1, id: "root" });
    const Graft = BudgetTracker as unknown as new (...args: unknown[]) => BudgetTracker;
    const stray = new Graft({ total: 1, id: "stray" }, root);
    expect(stray.parent).toBeUndefined();
    expect(stray.id).toBe("stray");
    expect(root.child({ total: 0.5, id: "kid" }).id).toBe("root/kid");
  });
});
