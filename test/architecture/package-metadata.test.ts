import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// What a careful user checks on the registry page before installing: a licence in the
// tarball, links that lead back to the source of exactly this package, and a README that says
// how the package loads. Every publishable package must carry all of it.
const repoRoot = join(import.meta.dirname, "../..");
const REPO = "https://github.com/llm-connect/llm-connect";
const rootLicense = readFileSync(join(repoRoot, "LICENSE"), "utf8");

const publishable = readdirSync(join(repoRoot, "packages"))
  .filter((dir) =>
    statSync(join(repoRoot, "packages", dir, "package.json"), { throwIfNoEntry: false }),
  )
  .map((dir) => ({
    dir,
    json: JSON.parse(readFileSync(join(repoRoot, "packages", dir, "package.json"), "utf8")),
  }))
  .filter(({ json }) => json.private !== true);

describe("package metadata", () => {
  it("finds the publishable packages", () => {
    expect(publishable.map((p) => p.dir)).toContain("core");
  });

  it("the repository root carries the MIT licence", () => {
    expect(rootLicense).toMatch(/^MIT License\n/);
  });

  for (const { dir, json } of publishable) {
    describe(json.name, () => {
      it("ships the root LICENSE, unchanged, and says MIT", () => {
        expect(json.license).toBe("MIT");
        expect(json.files).toContain("LICENSE");
        expect(readFileSync(join(repoRoot, "packages", dir, "LICENSE"), "utf8")).toBe(rootLicense);
      });

      it("links to its own folder of the repository, its README and the issue tracker", () => {
        expect(json.repository).toEqual({
          type: "git",
          url: `git+${REPO}.git`,
          directory: `packages/${dir}`,
        });
        expect(json.homepage).toBe(`${REPO}/tree/main/packages/${dir}#readme`);
        expect(json.bugs).toEqual({ url: `${REPO}/issues` });
        expect(json.keywords).toContain("llm-connect");
      });

      it("its README says it is ESM-only and where require() works", () => {
        const readme = readFileSync(join(repoRoot, "packages", dir, "README.md"), "utf8");
        expect(readme).toContain("**ESM-only, Node ≥ 22.12.**");
        expect(readme).toContain(`require("${json.name}")`);
      });
    });
  }
});
