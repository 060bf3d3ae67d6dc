// The machine a benchmark ran on, and the versions of what it compared: printed with every
// result, so a number is never read without knowing where it came from.
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const benchDir = fileURLToPath(new URL("../..", import.meta.url));
export const repoRoot = join(benchDir, "../..");
export const resultsDir = join(repoRoot, ".bench-results");

export function describeMachine() {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
    date: new Date().toISOString(),
  };
}

/** The version of `name` installed for the package in `fromDir` (the bench package by default). */
export function versionOf(name, fromDir = benchDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8"))
        .version;
    } catch {
      if (dirname(dir) === dir) return "not installed";
    }
  }
}

export function peerVersions() {
  const names = [
    "openai",
    "@google/genai",
    "ai",
    "@ai-sdk/openai",
    "@ai-sdk/google",
    "@langchain/core",
    "@langchain/openai",
    "@langchain/google-genai",
  ];
  const packages = (name) => join(repoRoot, "packages", name);
  return {
    ...Object.fromEntries(names.map((name) => [name, versionOf(name)])),
    "openai (as @llmc/openai uses it)": versionOf("openai", packages("openai")),
    "@google/genai (as @llmc/gemini uses it)": versionOf("@google/genai", packages("gemini")),
    "zod (as @llmc/core uses it)": versionOf("zod", packages("core")),
  };
}
