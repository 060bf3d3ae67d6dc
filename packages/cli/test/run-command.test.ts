import type { LLMResult } from "@llmc/core";
import { type Simulator, startSimulator } from "@llmc/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { ANSI_ESCAPE, eventually, runLlmc, simulatorEnv, startLlmc } from "./llmc-bin.js";

let sim: Simulator;
let env: Record<string, string>;
beforeAll(async () => {
  sim = await startSimulator();
  env = simulatorEnv(sim);
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.reset();
});

describe("llmc run, the real bin against the simulator", () => {
  it("prints the answer on stdout and one summary line on stderr, without colour in a pipe", async () => {
    sim.script("openai", { text: "Paris.", usage: { inputTokens: 12, outputTokens: 2 } });
    const run = await runLlmc(["run", "Capital of France?", "--provider", "openai"], { env });
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toBe("Paris.\n");
    expect(run.stderr).toMatch(
      /^openai gpt-4o-mini · 12 in \/ 2 out tokens · \$0\.000003 \(price-table\) · \d+(ms|\.\ds)\n$/,
    );
    expect(run.stdout + run.stderr).not.toMatch(ANSI_ESCAPE);
    expect(sim.requests[0]?.body).toMatchObject({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Capital of France?" }],
    });
  });

  it("reads the prompt from stdin and passes model, system prompt, output cap", async () => {
    const run = await runLlmc(
      ["run", "-p", "openai", "-m", "gpt-4.1-nano", "-s", "Be brief.", "--max-output-tokens", "30"],
      { env, stdin: "Summarise this.\n" },
    );
    expect(run.code).toBe(EXIT.ok);
    expect(sim.requests[0]?.body).toMatchObject({
      model: "gpt-4.1-nano",
      max_completion_tokens: 30,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Summarise this.\n" },
      ],
    });
  });

  it("--json prints the whole LLMResult and nothing on stderr", async () => {
    sim.script("gemini", { text: "Seine", usage: { inputTokens: 7, outputTokens: 1 } });
    const run = await runLlmc(["run", "A river?", "-p", "gemini", "--json"], { env });
    expect(run.code).toBe(EXIT.ok);
    expect(run.stderr).toBe("");
    const result = JSON.parse(run.stdout) as LLMResult;
    expect(result).toMatchObject({
      text: "Seine",
      provider: "gemini",
      model: "gemini-2.5-flash",
      usage: { inputTokens: 7, outputTokens: 1 },
      costSource: "price-table",
      attempts: 1,
      finishReason: { kind: "stop" },
    });
    expect(result.costUsd).toBeCloseTo((7 * 0.3 + 1 * 2.5) / 1e6, 12);
  });

  it("openrouter: the provider's own bill; --base-url replaces the environment's endpoint", async () => {
    sim.script("openrouter", { text: "ok", costUsd: 0.000042 });
    const { OPENROUTER_BASE_URL: _unused, ...withoutUrl } = env;
    const run = await runLlmc(
      ["run", "hi", "-p", "openrouter", "--base-url", sim.openrouter.baseURL],
      { env: withoutUrl },
    );
    expect(run.code).toBe(EXIT.ok);
    expect(run.stderr).toContain("$0.000042 (provider)");
    expect(sim.requestCount("openrouter")).toBe(1);
  });

  it("--budget that fits: the summary says what is left", async () => {
    sim.script("openai", { text: "ok", usage: { inputTokens: 10, outputTokens: 10 } });
    const run = await runLlmc(
      ["run", "hi", "-p", "openai", "--budget", "0.05", "--max-output-tokens", "100"],
      { env },
    );
    expect(run.code).toBe(EXIT.ok);
    // 10 × $0.15/M + 10 × $0.60/M = $0.0000075 spent of $0.05.
    expect(run.stderr).toContain("budget left $0.05 of $0.05");
  });

  it("--budget too small: refused before any request, exit 5, one line", async () => {
    const run = await runLlmc(
      [
        "run",
        "hi",
        "-p",
        "openai",
        "-m",
        "gpt-4o",
        "--max-output-tokens",
        "10000",
        "--budget",
        "0.01",
      ],
      { env },
    );
    expect(run.code).toBe(EXIT.budgetRefused);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /^llmc: Budget "--budget" cannot cover this call: it needs up to \$0\.1/,
    );
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(sim.requestCount()).toBe(0);
  });

  it("a provider error is exit 4 in one line; --verbose adds the cause chain", async () => {
    sim.script("openai", { fault: "model-not-found" }, { fault: "model-not-found" });
    const quiet = await runLlmc(["run", "hi", "-p", "openai", "-m", "gpt-4o"], { env });
    expect(quiet.code).toBe(EXIT.provider);
    expect(quiet.stderr.trim().split("\n")).toHaveLength(1);
    expect(quiet.stderr).toMatch(/^llmc: .*gpt-4o/);

    const verbose = await runLlmc(["run", "hi", "-p", "openai", "-m", "gpt-4o", "--verbose"], {
      env,
    });
    expect(verbose.code).toBe(EXIT.provider);
    const lines = verbose.stderr.trim().split("\n");
    expect(lines[1]).toMatch(
      /^ {2}error: LLMModelNotFoundError \[code model_not_found, provider openai\]/,
    );
    expect(lines.slice(2).some((line) => line.startsWith("  caused by: "))).toBe(true);
  });

  it("a rejected key is exit 4 and the key is never printed", async () => {
    const secret = "sk-live-do-not-print-0123456789";
    const run = await runLlmc(["run", "hi", "-p", "openai", "--verbose"], {
      env: { ...env, OPENAI_API_KEY: secret },
    });
    expect(run.code).toBe(EXIT.provider);
    expect(run.stderr).toContain("LLMAuthenticationError");
    expect(run.stdout + run.stderr).not.toContain(secret);
    expect(run.stdout + run.stderr).not.toContain("0123456789");
  });

  it("retries a rate limit and says how many attempts it took", async () => {
    sim.script("openai", { fault: "rate-limit", retryAfterMs: 5 }, { text: "ok" });
    const run = await runLlmc(["run", "hi", "-p", "openai"], { env });
    expect(run.code).toBe(EXIT.ok);
    expect(run.stderr).toContain(" · 2 attempts");
  });

  it("a deadline that passes is exit 4 (timeout)", async () => {
    sim.script("openai", { fault: "hang" });
    const run = await runLlmc(["run", "hi", "-p", "openai", "--timeout", "300ms"], { env });
    expect(run.code).toBe(EXIT.provider);
    expect(run.stderr).toMatch(/^llmc: .*300 ?ms/);
  });

  it("Ctrl-C aborts the call in flight: exit 130, its budget released", async () => {
    sim.script("openai", { fault: "hang" });
    const llmc = startLlmc(["run", "hi", "-p", "openai", "--budget", "1"], { env });
    try {
      await eventually(() => sim.requestCount("openai") === 1, "the request to arrive");
      llmc.child.kill("SIGINT");
      const run = await llmc.exited();
      expect(run.code).toBe(EXIT.interrupted);
      expect(run.stderr).toMatch(/^llmc: .*abort/i);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    } finally {
      await llmc.kill();
    }
  });

  it("a preset: its @llmc/openai-compatible dialect, key variable, max-tokens field, no price", async () => {
    const run = await runLlmc(
      [
        "run",
        "hi",
        "-p",
        "groq",
        "--base-url",
        sim.openai.baseURL,
        "--max-output-tokens",
        "20",
        "--json",
      ],
      { env: { GROQ_API_KEY: "sk-test" } },
    );
    expect(run.code).toBe(EXIT.ok);
    expect(JSON.parse(run.stdout)).toMatchObject({
      model: "llama-3.3-70b-versatile",
      costSource: "unknown",
    });
    // Groq's preset: max_completion_tokens (max_tokens is deprecated there).
    expect(sim.requests[0]?.body).toMatchObject({ max_completion_tokens: 20 });
    expect(sim.requests[0]?.body).not.toHaveProperty("max_tokens");

    const budgeted = await runLlmc(
      [
        "run",
        "hi",
        "-p",
        "groq",
        "--base-url",
        sim.openai.baseURL,
        "--budget",
        "1",
        "--max-output-tokens",
        "20",
      ],
      { env: { GROQ_API_KEY: "sk-test" } },
    );
    expect(budgeted.code).toBe(EXIT.config);
    expect(budgeted.stderr).toMatch(
      /^llmc: No price is known for groq model "llama-3\.3-70b-versatile"/,
    );
    expect(sim.requestCount()).toBe(1);
  });

  it("no key: exit 3, naming the variable to set", async () => {
    const run = await runLlmc(["run", "hi", "-p", "gemini"], { env: {} });
    expect(run.code).toBe(EXIT.config);
    expect(run.stderr).toBe(
      "llmc: Google Gemini needs an API key: set GEMINI_API_KEY or GOOGLE_API_KEY (`llmc providers` shows what each provider reads).\n",
    );
  });

  it.each([
    [["run", "hi"], /--provider is required/],
    [["run", "hi", "-p", "nope"], /unknown provider "nope": choose one of openai, gemini/],
    [["run", "hi", "-p", "openai", "--max-tokens", "5"], /Unknown option '--max-tokens'/],
    [["run", "hi", "-p", "openai", "--timeout", "soon"], /--timeout expects a duration/],
    [["run", "hi", "-p", "openai", "--budget=-1"], /--budget expects a positive dollar amount/],
    [["run", "hi", "-p", "openai", "--budget", "-1"], /Option '--budget' argument is ambiguous/],
    [["run", "-p", "openai"], /no prompt: stdin was empty/],
    [["run", "hi", "-p", "openai", "--schema", "s.json"], /--schema is not available yet/],
    [["report", "--since", "1d"], /report needs either --budget-id .* or --file/],
    [["report", "--file", "x.jsonl", "--by", "agent"], /--by: Unknown report group `agent`/],
    [["report", "--file", "x.jsonl", "--since", "soon"], /--since expects a time like 1d/],
    [["frobnicate"], /unknown command "frobnicate"/],
  ])("usage error %j: exit 2, one line pointing at the help", async (args, message) => {
    const run = await runLlmc(args, { env });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/\(see `llmc help( \w+)?`\)\n$/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(sim.requestCount()).toBe(0);
  });

  it("help and version", async () => {
    const help = await runLlmc(["help", "run"]);
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain("--max-output-tokens N");
    const version = await runLlmc(["--version"]);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
