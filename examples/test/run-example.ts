import { spawn } from "node:child_process";
import { join } from "node:path";
import type { Simulator } from "@llmc/testing";

export interface ExampleRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const distDir = join(import.meta.dirname, "../dist");

/**
 * Runs a built example as its own Node process, the way a user would (`node dist/<name>.js`),
 * and waits for it to exit. The environment is this process's (so LLMC_TEST_RUN_ID reaches the
 * child) plus `env`. A run that outlives `limitMs` is killed, so no example is ever left behind.
 */
export function runExample(
  name: string,
  env: Readonly<Record<string, string>>,
  limitMs = 60_000,
): Promise<ExampleRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(distDir, `${name}.js`)], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The adapters' own environment variables, pointed at a simulator. */
export function simulatorEnv(sim: Simulator): Record<string, string> {
  return {
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: sim.openai.baseURL,
    OPENROUTER_API_KEY: "sk-test",
    OPENROUTER_BASE_URL: sim.openrouter.baseURL,
    GEMINI_API_KEY: "sk-test",
    GOOGLE_GEMINI_BASE_URL: sim.gemini.baseUrl,
    ANTHROPIC_API_KEY: "sk-test",
    ANTHROPIC_BASE_URL: sim.anthropic.baseUrl,
  };
}
