import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Proof from outside (issue 12 §5): the example adapter in examples/third-party-adapter, copied
// into a temporary project that gets @llmc/core and @llmc/testing from their PACKED tarballs
// through npm — no workspace links — type-checks with tsc and passes the conformance suite.

const root = fileURLToPath(new URL("../..", import.meta.url));
const example = join(root, "examples/third-party-adapter");
const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  packageManager: string;
};

/** Runs a command to completion; its output is returned, a failure throws with the output. */
function run(command: string, args: string[], cwd: string, timeoutMs: number): string {
  const env: NodeJS.ProcessEnv = {};
  // The inner vitest must not think it is a worker of this one; the run id stays, so the
  // suite-end check would name anything it left running.
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("VITEST") && key !== "NODE_OPTIONS" && key !== "TEST") env[key] = value;
  }
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: "utf8",
    timeout: timeoutMs,
    killSignal: "SIGKILL",
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (${result.status ?? result.signal}):\n${output}`,
    );
  }
  return output;
}

describe("a third-party adapter, installed from the packed tarballs", () => {
  it("npm installs @llmc/core and @llmc/testing from tarballs; tsc passes; the conformance suite passes", () => {
    const work = mkdtempSync(join(tmpdir(), "llmc-third-party-"));
    try {
      const tarballs = join(work, "tarballs");
      for (const name of ["core", "testing"]) {
        // pnpm pack rewrites workspace: ranges to versions, as publishing does.
        run(
          "npx",
          ["-y", packageManager, "pack", "--pack-destination", tarballs],
          join(root, "packages", name),
          120_000,
        );
      }
      const tarball = (name: string) =>
        join(tarballs, readdirSync(tarballs).find((file) => file.startsWith(`llmc-${name}-`))!);

      const project = join(work, "acme-adapter");
      mkdirSync(project);
      for (const entry of ["src", "test", "tsconfig.json", "vitest.config.ts"]) {
        cpSync(join(example, entry), join(project, entry), { recursive: true });
      }
      const pkg = JSON.parse(readFileSync(join(example, "package.json"), "utf8"));
      pkg.dependencies["@llmc/core"] = `file:${tarball("core")}`;
      pkg.devDependencies["@llmc/testing"] = `file:${tarball("testing")}`;
      writeFileSync(join(project, "package.json"), JSON.stringify(pkg, null, 2));

      run(
        "npm",
        ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"],
        project,
        300_000,
      );
      const installed = readFileSync(join(project, "package-lock.json"), "utf8");
      // Both came from the tarballs, not from a registry or a workspace link.
      expect(installed).toContain(
        `"resolved": "file:${tarball("core")}"`.replace(`${work}/`, "../"),
      );
      expect(readdirSync(join(project, "node_modules/@llmc")).sort()).toEqual(["core", "testing"]);

      run(
        process.execPath,
        [join(project, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"],
        project,
        180_000,
      );

      const report = join(work, "report.json");
      run(
        process.execPath,
        [
          join(project, "node_modules/vitest/vitest.mjs"),
          "run",
          "--reporter=json",
          `--outputFile=${report}`,
        ],
        project,
        300_000,
      );
      const results = JSON.parse(readFileSync(report, "utf8")) as {
        numTotalTests: number;
        numPassedTests: number;
        numFailedTests: number;
        numPendingTests: number;
      };
      expect(results).toMatchObject({ numFailedTests: 0, numPendingTests: 0 });
      expect(results.numPassedTests).toBe(results.numTotalTests);
      expect(results.numPassedTests).toBeGreaterThan(30);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 900_000);
});
