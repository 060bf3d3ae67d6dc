import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { runLlmc } from "./llmc-bin.js";

// An install of @llmc/cli with only its one hard dependency, @llmc/core, next to it: what a
// user gets from `npm install @llmc/cli` before adding any provider package.
const cliDir = join(import.meta.dirname, "..");
let installDir: string;
let bin: string;

beforeAll(() => {
  installDir = mkdtempSync(join(tmpdir(), "llmc-cli-alone-"));
  const scope = join(installDir, "node_modules/@llmc");
  mkdirSync(join(scope, "cli"), { recursive: true });
  cpSync(join(cliDir, "dist"), join(scope, "cli/dist"), { recursive: true });
  cpSync(join(cliDir, "package.json"), join(scope, "cli/package.json"));
  symlinkSync(join(cliDir, "../core"), join(scope, "core"), "dir");
  bin = join(scope, "cli/dist/bin.js");
});
afterAll(() => {
  rmSync(installDir, { recursive: true, force: true });
});

it("a provider whose package is missing is one clear line and exit 3, not a crash", async () => {
  const run = await runLlmc(["run", "hi", "-p", "gemini"], { bin, env: { GEMINI_API_KEY: "k" } });
  expect(run.code).toBe(EXIT.config);
  expect(run.stderr).toBe(
    "llmc: the gemini provider needs @llmc/gemini, which is not installed: run `npm install @llmc/gemini` where @llmc/cli is installed (add -g for a global llmc).\n",
  );
});

it("budget commands without @llmc/budget-redis say what to install", async () => {
  const run = await runLlmc(["budget", "show", "--id", "x"], { bin });
  expect(run.code).toBe(EXIT.config);
  expect(run.stderr).toMatch(
    /^llmc: llmc budget needs @llmc\/budget-redis, which is not installed/,
  );
});

it("llmc providers shows every package as missing", async () => {
  const run = await runLlmc(["providers", "--json"], { bin });
  expect(run.code).toBe(EXIT.ok);
  const statuses = JSON.parse(run.stdout) as { installed: string | null }[];
  expect(statuses.every((s) => s.installed === null)).toBe(true);
});
