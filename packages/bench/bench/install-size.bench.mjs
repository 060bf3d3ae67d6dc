#!/usr/bin/env node
// Installed size: what `npm install` of each set puts in a fresh project's node_modules
// (apparent bytes, as `du --apparent-size` counts them, and the number of packages). Peers come
// from the npm registry; @llmc packages from tarballs packed here (`pnpm pack`, the files a
// publish would ship). Needs the registry; takes a minute or two. Writes
// .bench-results/install-size.json.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "./lib/args.mjs";
import { describeMachine, repoRoot, resultsDir, versionOf } from "./lib/machine.mjs";

const options = parseArgs({ out: "", sets: "" });
const work = mkdtempSync(join(tmpdir(), "llmc-install-size-"));
const { packageManager } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
try {
  const tarballs = join(work, "tarballs");
  for (const name of ["core", "openai", "gemini"]) {
    execFileSync("npx", ["-y", packageManager, "pack", "--pack-destination", tarballs], {
      cwd: join(repoRoot, "packages", name),
      stdio: "ignore",
    });
  }
  const tarball = (name) =>
    join(
      tarballs,
      readdirSync(tarballs).find((file) => file.startsWith(`llmc-${name}-`)),
    );
  // The versions the per-call bench compares, so sizes and timings describe the same releases.
  const pinned = (name) => `${name}@${versionOf(name)}`;
  const sets = {
    "raw openai": [pinned("openai")],
    "ai + @ai-sdk/openai": [pinned("ai"), pinned("@ai-sdk/openai")],
    "LangChain (@langchain/openai)": [pinned("@langchain/openai"), pinned("@langchain/core")],
    "@llmc/core + @llmc/openai": [tarball("core"), tarball("openai")],
    "raw @google/genai": [pinned("@google/genai")],
    "ai + @ai-sdk/google": [pinned("ai"), pinned("@ai-sdk/google")],
    "LangChain (@langchain/google-genai)": [
      pinned("@langchain/google-genai"),
      pinned("@langchain/core"),
    ],
    "@llmc/core + @llmc/gemini": [tarball("core"), tarball("gemini")],
  };
  const names = options.sets ? String(options.sets).split(",") : Object.keys(sets);
  const rows = [];
  for (const name of names) {
    const dir = join(work, `set-${rows.length}`);
    mkdirSync(dir);
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "app", private: true, type: "module" }),
    );
    execFileSync(
      "npm",
      ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", ...sets[name]],
      { cwd: dir, stdio: ["ignore", "ignore", "inherit"] },
    );
    const bytes = Number(
      execFileSync("du", ["-s", "--apparent-size", "--block-size=1", "node_modules"], {
        cwd: dir,
        encoding: "utf8",
      }).split(/\s/)[0],
    );
    const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8"));
    const packages = Object.keys(lock.packages ?? {}).filter((key) =>
      key.startsWith("node_modules/"),
    ).length;
    rows.push({
      set: name,
      installed: sets[name].map((spec) => spec.replace(/.*\//, "")),
      megabytes: Number((bytes / 1e6).toFixed(1)),
      packages,
    });
    console.log(`${name}: ${(bytes / 1e6).toFixed(1)} MB, ${packages} packages`);
  }
  mkdirSync(resultsDir, { recursive: true });
  const out = options.out || join(resultsDir, "install-size.json");
  writeFileSync(
    out,
    `${JSON.stringify({ benchmark: "install-size", machine: describeMachine(), rows }, null, 2)}\n`,
  );
  console.log(`wrote ${out}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
