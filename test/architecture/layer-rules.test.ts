import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { LAYERS, PACKAGE_LAYERS, PROVIDER_SDKS } from "./layers.js";

const repoRoot = join(import.meta.dirname, "../..");
const packagesDir = join(repoRoot, "packages");

interface WorkspacePackage {
  readonly dir: string;
  readonly name: string;
  readonly dependencies: Record<string, string>;
  readonly peerDependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
  readonly private: boolean;
}

const packages: WorkspacePackage[] = readdirSync(packagesDir)
  .filter((entry) => statSync(join(packagesDir, entry, "package.json"), { throwIfNoEntry: false }))
  .map((entry) => {
    const json = JSON.parse(readFileSync(join(packagesDir, entry, "package.json"), "utf8"));
    return {
      dir: join(packagesDir, entry),
      name: json.name,
      dependencies: json.dependencies ?? {},
      peerDependencies: json.peerDependencies ?? {},
      devDependencies: json.devDependencies ?? {},
      private: json.private === true,
    };
  });

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  // A package without src/ ships no code (the private bench package keeps its scripts in bench/).
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|js|mjs)$/.test(entry.name) && !/\.test\.|\.d\.ts$/.test(entry.name))
      out.push(path);
  }
  return out;
}

/** Bare package names a file imports (static, dynamic and `export … from`). */
function importedPackages(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const names = new Set<string>();
  for (const match of text.matchAll(
    /(?:from\s+|import\s*\(\s*|import\s+)["']([^"'./][^"']*)["']/g,
  )) {
    const specifier = match[1]!;
    if (specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0]!))
      continue;
    const parts = specifier.split("/");
    names.add(specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!);
  }
  return [...names];
}

const layerOf = (name: string) => LAYERS[PACKAGE_LAYERS[name]!];

describe("architecture layers", () => {
  it("knows the layer of every workspace package", () => {
    const unknown = packages.map((p) => p.name).filter((name) => !(name in PACKAGE_LAYERS));
    expect(
      unknown,
      "add new packages to test/architecture/layers.ts and ARCHITECTURE-LAYERS.md",
    ).toEqual([]);
  });

  for (const pkg of packages) {
    describe(pkg.name, () => {
      const layer = PACKAGE_LAYERS[pkg.name];
      const runtime = { ...pkg.dependencies, ...pkg.peerDependencies };

      it("depends at run time only on more fundamental layers (applications excepted)", () => {
        if (layer === "application") return;
        const offending = Object.keys(runtime)
          .filter((dep) => dep in PACKAGE_LAYERS)
          .filter((dep) => layerOf(dep) >= layerOf(pkg.name));
        expect(offending).toEqual([]);
      });

      it("imports in its sources only what it declares, and no sibling adapter", () => {
        const problems: string[] = [];
        const srcDir = join(pkg.dir, "src");
        for (const file of sourceFiles(srcDir)) {
          for (const imported of importedPackages(file)) {
            const where = relative(repoRoot, file);
            if (imported === pkg.name) continue;
            if (!(imported in runtime)) problems.push(`${where} imports undeclared ${imported}`);
            if (
              imported in PACKAGE_LAYERS &&
              layer !== "application" &&
              layerOf(imported) >= layerOf(pkg.name)
            ) {
              problems.push(`${where} imports ${imported}, a layer it may not depend on`);
            }
          }
        }
        expect(problems).toEqual([]);
      });

      if (layer === "core") {
        it("never depends on or imports a provider SDK or datastore client", () => {
          const declared = Object.keys({ ...runtime, ...pkg.devDependencies }).filter((d) =>
            PROVIDER_SDKS.includes(d),
          );
          const imported = sourceFiles(join(pkg.dir, "src"))
            .flatMap(importedPackages)
            .filter((d) => PROVIDER_SDKS.includes(d));
          expect([...declared, ...imported]).toEqual([]);
        });
      }

      if (layer === "adapter") {
        it("depends on @llmc/core, zod (core's schema library) and at most one SDK", () => {
          const llmc = Object.keys(runtime).filter((dep) => dep.startsWith("@llmc/"));
          expect(llmc).toEqual(["@llmc/core"]);
          const others = Object.keys(runtime).filter(
            (dep) => !dep.startsWith("@llmc/") && dep !== "zod",
          );
          expect(others.length).toBeLessThanOrEqual(1);
          expect(others.every((dep) => PROVIDER_SDKS.includes(dep))).toBe(true);
        });
      }

      if (!pkg.private) {
        it("is publishable: ESM exports with types, sideEffects false, files and engines", () => {
          const json = JSON.parse(readFileSync(join(pkg.dir, "package.json"), "utf8"));
          expect(json.type).toBe("module");
          expect(json.sideEffects).toBe(false);
          expect(json.exports["."]).toMatchObject({
            types: expect.any(String),
            import: expect.any(String),
          });
          expect(json.files).toContain("dist");
          expect(json.engines?.node).toBe(">=22.12");
          expect(json.version).toMatch(/^\d+\.\d+\.\d+/);
        });
      }
    });
  }
});
