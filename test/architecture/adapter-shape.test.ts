import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  adapterClassProblems,
  buildsOnWire,
  exportedAdapterClasses,
  fileShapeProblems,
  providerPackages,
} from "./adapter-shape-checks.js";

const packagesDir = join(import.meta.dirname, "../../packages");

// The same shape in every provider package (ARCHITECTURE-LAYERS.md, "Folder shape"): one file
// name per concern and one option name per concept, so moving between adapters feels familiar.
describe("adapter shape", () => {
  it("finds the provider packages in the layer map", () => {
    expect(providerPackages().map((p) => p.provider)).toEqual(
      expect.arrayContaining([
        "openai-compatible",
        "openai",
        "openrouter",
        "gemini",
        "claude-code",
      ]),
    );
  });

  for (const { name, provider } of providerPackages()) {
    describe(name, () => {
      const dir = join(packagesDir, provider);
      const src = join(dir, "src");

      it("names each concern's file after the provider", () => {
        expect(fileShapeProblems(provider, src, { buildsOnWire: buildsOnWire(dir) })).toEqual([]);
      });

      it("states contractVersion, and optionNames/priceTable by their shared names", async () => {
        const file = join(src, `${provider}-adapter.ts`);
        const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
        const classes = exportedAdapterClasses(module);
        expect(classes).toHaveLength(1);
        const takesApiKey = readFileSync(join(src, `${provider}-options.ts`), "utf8").includes(
          "apiKey",
        );
        expect(
          adapterClassProblems(provider, classes[0], readFileSync(file, "utf8"), { takesApiKey }),
        ).toEqual([]);
      });
    });
  }
});

// The checks themselves, run on throw-away folders and classes that break the shape, so a check
// that stopped catching violations fails.
describe("the adapter shape checks", () => {
  const scratch = mkdtempSync(join(tmpdir(), "llmc-shape-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  function fakeSrc(label: string, files: readonly string[]): string {
    const dir = join(scratch, label);
    mkdirSync(dir, { recursive: true });
    for (const file of files) writeFileSync(join(dir, file), "export {};\n");
    return dir;
  }

  it("catches files named after another provider and a missing concern", () => {
    const src = fakeSrc("misnamed", [
      "acme-cloud-adapter.ts",
      "acme-cloud-options.ts",
      "acme-prices.ts",
      "convert-acme-usage.ts",
      "map-acme-cloud-error.ts",
      "wire-usage.ts",
      "acme-prices.test.ts",
    ]);
    expect(fileShapeProblems("acme-cloud", src, { buildsOnWire: false })).toEqual([
      "acme-cloud: acme-prices.ts holds the price table; name it acme-cloud-prices.ts",
      "acme-cloud: no map-acme-cloud-finish-reason.ts (the finish-reason mapping)",
      "acme-cloud: convert-acme-usage.ts holds the usage conversion; name it convert-acme-cloud-usage.ts",
      "acme-cloud: wire-usage.ts holds the usage conversion; name it convert-acme-cloud-usage.ts",
      "acme-cloud: no convert-acme-cloud-usage.ts (the usage conversion)",
    ]);
  });

  it("requires adapter, options and error mapping, but no wire files of a dialect package", () => {
    const src = fakeSrc("dialect", ["acme-dialect.ts", "acme-client-options.ts"]);
    expect(fileShapeProblems("acme", src, { buildsOnWire: true })).toEqual([
      "acme: no acme-adapter.ts (the adapter class)",
      "acme: no acme-options.ts (the constructor options)",
      "acme: no map-acme-error.ts (or map-acme-<aspect>-error.ts) (the error mapping)",
    ]);
    const full = fakeSrc("full", [
      "acme-adapter.ts",
      "acme-options.ts",
      "acme-prices.ts",
      "map-acme-process-error.ts",
      "map-acme-finish-reason.ts",
      "convert-acme-usage.ts",
    ]);
    expect(fileShapeProblems("acme", full, { buildsOnWire: false })).toEqual([]);
  });

  it("catches an adapter class without the shared statics and names", () => {
    // What core sees of a class: its statics (name, contractVersion, optionNames).
    const AcmeAdapter = { name: "AcmeAdapter", optionNames: ["apiKey", "baseUrl"] };
    expect(
      adapterClassProblems("acme", AcmeAdapter, "readonly prices = ACME_PRICES;", {
        takesApiKey: true,
      }),
    ).toEqual([
      "acme: AcmeAdapter has no static contractVersion",
      'acme: AcmeAdapter.optionNames lacks "baseURL" (one name per concept)',
      "acme: AcmeAdapter declares no `readonly priceTable`",
    ]);
    const KeylessAdapter = { name: "KeylessAdapter", contractVersion: 1, optionNames: ["baseURL"] };
    expect(
      adapterClassProblems("keyless", KeylessAdapter, "readonly priceTable = undefined;", {
        takesApiKey: false,
      }),
    ).toEqual([]);
    expect(adapterClassProblems("none", undefined, "", { takesApiKey: false })).toEqual([
      "none: none-adapter.ts exports no class",
    ]);
  });
});
