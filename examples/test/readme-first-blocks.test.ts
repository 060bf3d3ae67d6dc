import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inspect } from "node:util";
import { type Simulator, type SimulatorProvider, startSimulator } from "@llmc/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { RedisTestServer } from "../../packages/budget-redis/test/redis-server.js";

/**
 * Every package README opens with an example a new user copies first. This test cuts out each
 * one's first ```ts block, type-checks them all with tsc, and runs each against the simulator,
 * so a README example that does not compile or crashes fails the suite.
 *
 * Not here: @llmc/claude-code's block (it needs the real `claude` CLI, which the claude-code
 * tests run). @llmc/budget-redis's block talks to the default `redis://127.0.0.1:6379`; the test
 * points that one URL at its own throw-away redis-server and changes nothing else.
 */
const repoRoot = join(import.meta.dirname, "../..");
// Inside examples/node_modules so `@llmc/*` and `openai` resolve as they would for a user.
const blocksDir = join(import.meta.dirname, "../node_modules/.cache/readme-blocks");

interface ReadmeCase {
  readonly pkg: string;
  /** The provider whose simulator endpoint the block must have called, if any. */
  readonly calls?: SimulatorProvider;
  /** Prints this (a value the block computes), to show it ran through, not just started. */
  readonly prints?: RegExp;
}

const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

const CASES: readonly ReadmeCase[] = [
  { pkg: "core" },
  { pkg: "testing" },
  { pkg: "openai", calls: "openai" },
  { pkg: "openai-compatible", calls: "openai" },
  { pkg: "openrouter", calls: "openrouter" },
  { pkg: "gemini", calls: "gemini" },
  { pkg: "budget-redis", prints: /spent: 0\.00125, reserved: 0, remaining: 4\.99875/ },
];

function firstTsBlock(markdown: string): string {
  const match = /^```ts\n([\s\S]*?)^```/m.exec(markdown);
  if (!match) throw new Error("no ```ts block");
  return match[1]!;
}

const blockFile = (pkg: string) => join(blocksDir, `${pkg}.ts`);

describe("each package README's first code block", () => {
  let sim: Simulator;
  let redis: RedisTestServer;

  beforeAll(async () => {
    rmSync(blocksDir, { recursive: true, force: true });
    mkdirSync(blocksDir, { recursive: true });
    redis = await RedisTestServer.start();
    for (const { pkg } of CASES) {
      const readme = readFileSync(join(repoRoot, "packages", pkg, "README.md"), "utf8");
      writeFileSync(blockFile(pkg), firstTsBlock(readme).replaceAll(DEFAULT_REDIS_URL, redis.url));
    }
    sim = await startSimulator();
  });
  afterAll(async () => {
    await sim?.close();
    await redis?.stop();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("type-checks (tsc --noEmit, strict)", () => {
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
  });

  for (const { pkg, calls, prints } of CASES) {
    it(`of @llmc/${pkg} runs to the end`, async () => {
      // The adapters' usual environment variables, pointed at the simulator.
      vi.stubEnv("OPENAI_API_KEY", "sk-test");
      vi.stubEnv("OPENAI_BASE_URL", sim.openai.baseURL);
      vi.stubEnv("ACME_API_KEY", "sk-test"); // @llmc/openai-compatible's example dialect
      vi.stubEnv("ACME_BASE_URL", sim.openai.baseURL);
      vi.stubEnv("OPENROUTER_API_KEY", "sk-test");
      vi.stubEnv("OPENROUTER_BASE_URL", sim.openrouter.baseURL);
      vi.stubEnv("GEMINI_API_KEY", "sk-test");
      vi.stubEnv("GOOGLE_GEMINI_BASE_URL", sim.gemini.baseUrl);
      const printed = vi.spyOn(console, "log").mockImplementation(() => {});
      vi.spyOn(process.stdout, "write").mockImplementation(() => true);
      const before = calls ? sim.requestCount(calls) : 0;

      await import(pathToFileURL(blockFile(pkg)).href);

      expect(printed).toHaveBeenCalled();
      if (prints) {
        const output = printed.mock.calls
          .map((args) => inspect(args[0], { breakLength: Number.POSITIVE_INFINITY }))
          .join("\n");
        expect(output).toMatch(prints);
      }
      if (calls) expect(sim.requestCount(calls)).toBeGreaterThan(before);
    });
  }
});
