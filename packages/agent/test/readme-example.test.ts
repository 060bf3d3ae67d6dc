import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inspect } from "node:util";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * The README's code blocks, cut out, type-checked with tsc (strict) and the first one run, so
 * the example a user copies first compiles and prints what its comments promise.
 */
const packageDir = join(import.meta.dirname, "..");
const repoRoot = join(packageDir, "../..");
// Inside the package's node_modules so `@llmc/*` and `zod` resolve as for a user.
const blocksDir = join(packageDir, "node_modules/.cache/readme-blocks");

const blocks = [
  ...readFileSync(join(packageDir, "README.md"), "utf8").matchAll(/^```ts\n([\s\S]*?)^```/gm),
].map((m) => m[1]!);

describe("the README's examples", () => {
  beforeAll(() => {
    rmSync(blocksDir, { recursive: true, force: true });
    mkdirSync(blocksDir, { recursive: true });
    blocks.forEach((block, i) => {
      writeFileSync(join(blocksDir, `block-${i}.ts`), block);
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("has two", () => {
    expect(blocks).toHaveLength(2);
  });

  it("type-check (tsc --noEmit, strict)", () => {
    writeFileSync(
      join(blocksDir, "tsconfig.json"),
      JSON.stringify({
        extends: join(repoRoot, "tsconfig.base.json"),
        compilerOptions: { noEmit: true },
        include: ["*.ts"],
      }),
    );
    const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
    const run = spawnSync(process.execPath, [tsc, "-p", blocksDir], { encoding: "utf8" });
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  }, 60_000);

  it("the first runs and prints what its comments say", async () => {
    const printed = vi.spyOn(console, "log").mockImplementation(() => {});
    await import(pathToFileURL(join(blocksDir, "block-0.ts")).href);
    const lines = printed.mock.calls.map((args) =>
      args.map((a) => (typeof a === "string" ? a : inspect(a))).join(" "),
    );
    expect(lines).toEqual(["done 2 2", "Offer B is cheaper: $12 against $15.", "true 0"]);
  });
});
