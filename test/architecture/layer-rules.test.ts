import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  adapterDependencyProblems,
  dependencyLayerProblems,
  importedPackages,
  importProblems,
  readWorkspacePackage,
  sourceFiles,
  type WorkspacePackage,
} from "./layer-checks.js";
import { layerViolation, PACKAGE_LAYERS, PROVIDER_SDKS } from "./layers.js";

const repoRoot = join(import.meta.dirname, "../..");
const packagesDir = join(repoRoot, "packages");

const packages: WorkspacePackage[] = readdirSync(packagesDir)
  .filter((entry) => statSync(join(packagesDir, entry, "package.json"), { throwIfNoEntry: false }))
  .map((entry) => readWorkspacePackage(join(packagesDir, entry)));

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

      it("depends at run time only on layers it may use (applications excepted)", () => {
        expect(dependencyLayerProblems(pkg)).toEqual([]);
      });

      it("imports in its sources only what it declares, and no sibling adapter", () => {
        expect(importProblems(pkg, repoRoot)).toEqual([]);
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

      if (layer === "adapter" || layer === "wire-protocol") {
        it("depends on @llmc/core (adapters: and wire-protocol packages), zod and at most one SDK", () => {
          expect(adapterDependencyProblems(pkg)).toEqual([]);
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

describe("the layer rule between adapters and wire-protocol packages", () => {
  it("lets an adapter build on a wire-protocol package, and nothing else inside layer 2", () => {
    expect(layerViolation("@llmc/openai", "@llmc/openai-compatible")).toBeUndefined();
    expect(layerViolation("@llmc/openrouter", "@llmc/openai-compatible")).toBeUndefined();
    expect(layerViolation("@llmc/openai", "@llmc/openrouter")).toMatch(/another adapter/);
    expect(layerViolation("@llmc/openai-compatible", "@llmc/openai")).toMatch(/may not depend/);
    expect(layerViolation("@llmc/openai-compatible", "@llmc/testing")).toMatch(/may not depend/);
    expect(layerViolation("@llmc/core", "@llmc/openai-compatible")).toMatch(/may not depend/);
    expect(layerViolation("@llmc/cli", "@llmc/openai")).toBeUndefined();
  });

  // The checks themselves, run on a throw-away package that breaks the rule in both ways.
  const scratch = mkdtempSync(join(tmpdir(), "llmc-layers-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  function fakeAdapter(dependencies: Record<string, string>, source: string): WorkspacePackage {
    const dir = join(scratch, `pkg-${Object.keys(dependencies).length}-${source.length}`);
    mkdirSync(join(dir, "src"), { recursive: true });
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "@llmc/openai", dependencies }),
    );
    writeFileSync(join(dir, "src", "index.ts"), source);
    return readWorkspacePackage(dir);
  }

  it("catches an adapter that depends on and imports another adapter", () => {
    const pkg = fakeAdapter(
      { "@llmc/core": "workspace:^", "@llmc/openrouter": "workspace:^", openai: "^7.0.0" },
      'import { OpenRouterAdapter } from "@llmc/openrouter";\nexport { OpenRouterAdapter };\n',
    );
    expect(dependencyLayerProblems(pkg)).toEqual([
      expect.stringMatching(
        /@llmc\/openai depends on @llmc\/openrouter: an adapter never builds on another adapter/,
      ),
    ]);
    expect(importProblems(pkg, scratch)).toEqual([
      expect.stringMatching(/src\/index\.ts imports @llmc\/openrouter: .*another adapter/),
    ]);
    expect(adapterDependencyProblems(pkg)).toEqual(["@llmc/openai depends on @llmc/openrouter"]);
  });

  it("accepts the same adapter built on the wire-protocol package", () => {
    const pkg = fakeAdapter(
      { "@llmc/core": "workspace:^", "@llmc/openai-compatible": "workspace:^", zod: "^4" },
      'import { OpenAICompatibleAdapter } from "@llmc/openai-compatible";\nexport { OpenAICompatibleAdapter };\n',
    );
    expect(dependencyLayerProblems(pkg)).toEqual([]);
    expect(importProblems(pkg, scratch)).toEqual([]);
    expect(adapterDependencyProblems(pkg)).toEqual([]);
  });

  it("catches an import the package does not declare", () => {
    const pkg = fakeAdapter(
      { "@llmc/core": "workspace:^" },
      'import type { ChatCompletionsDialect } from "@llmc/openai-compatible";\n',
    );
    expect(importProblems(pkg, scratch)).toEqual([
      expect.stringMatching(/imports undeclared @llmc\/openai-compatible/),
    ]);
  });
});
