import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { type RecordedRequest, type Simulator, startSimulator } from "@llmc/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runExample, simulatorEnv } from "./run-example.js";

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

const lastUserText = (request: RecordedRequest) => {
  const messages = (request.body as { messages?: { role: string; content: string }[] }).messages;
  return messages?.findLast((m) => m.role === "user")?.content ?? "";
};

describe("the examples, each run as its own process against the simulator", () => {
  it("all-providers-at-once: OpenAI, Gemini and OpenRouter in parallel on one budget", async () => {
    const run = await runExample("all-providers-at-once", env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("(claude-code skipped: set LLMC_EXAMPLE_CLAUDE=1");
    expect(run.stdout).toMatch(/^openai +\$0\.\d{6} /m);
    expect(run.stdout).toMatch(/^gemini +\$0\.\d{6} /m);
    expect(run.stdout).toMatch(/^openrouter +\$0\.\d{6} /m);
    expect(run.stdout).toMatch(/^spent \$0\.\d{6} of \$0\.25, reserved \$0$/m);
    expect(sim.requestCount()).toBe(3);
  });

  it("all-providers-at-once with LLMC_EXAMPLE_CLAUDE=1: the real claude CLI joins", async () => {
    const home = mkdtempSync(join(tmpdir(), "llmc-example-claude-"));
    try {
      const bin = join(import.meta.dirname, "../node_modules/.bin");
      const run = await runExample(
        "all-providers-at-once",
        {
          ...env,
          LLMC_EXAMPLE_CLAUDE: "1",
          HOME: home,
          PATH: `${bin}${delimiter}${process.env.PATH}`,
        },
        120_000,
      );
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^claude-code \$0\.\d{6} /m);
      expect(sim.requestCount("anthropic")).toBeGreaterThanOrEqual(1);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 150_000);

  it("shared-budget-three-agents: all three stop at the cap, which holds", async () => {
    sim.setDefault("openai", { text: "an idea", usage: { inputTokens: 200, outputTokens: 150 } });
    const run = await runExample("shared-budget-three-agents", env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    for (const name of ["planner", "researcher", "writer"]) {
      expect(run.stdout).toMatch(
        new RegExp(`^${name} stopped at turn \\d+: needed \\$0\\.\\d+, refused$`, "m"),
      );
    }
    const team = /^team spent \$(\d\.\d+) of \$0\.01/m.exec(run.stdout);
    expect(Number(team?.[1])).toBeLessThanOrEqual(0.01);
    // Each call costs 200 × $2.50/M + 150 × $10/M = $0.002; the cap fits some, not all.
    expect(sim.requestCount("openai")).toBeGreaterThanOrEqual(3);
    expect(Number(team?.[1])).toBeCloseTo(sim.requestCount("openai") * 0.002, 9);
  });

  it("nested-budgets: the grandchild refuses while the job has room; spend rolls up", async () => {
    sim.setDefault("openai", { text: "ok", usage: { inputTokens: 100, outputTokens: 100 } });
    const run = await runExample("nested-budgets", env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^refused by "quotes" before sending \(job still had \$0\.04/m);
    // Three calls at 100 × $0.15/M + 100 × $0.60/M = $0.000075 each.
    expect(run.stdout).toContain("job      spent $0.000225 of $0.05");
    expect(run.stdout).toContain("research spent $0.000150 of $0.01");
    expect(run.stdout).toContain("quotes   spent $0.000075 of $0.0002");
    expect(sim.requestCount("openai")).toBe(3);
  });

  it("streaming: deltas as they arrive, then usage, cost and a settled budget", async () => {
    sim.setDefault("openrouter", { chunks: ["Caps ", "that ", "hold."], costUsd: 0.00002 });
    const run = await runExample("streaming", env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Caps that hold\.\n3 deltas, \d+ output tokens, \$0\.000020 \(provider\)$/m,
    );
    expect(run.stdout).toContain("budget: spent $0.000020, reserved $0");
  });

  it("handle-each-error: every failure lands in its own branch", async () => {
    sim.setDefault("openai", (request) => {
      if (request.model === "gpt-0-nonexistent") return { fault: "model-not-found" };
      switch (lastUserText(request)) {
        case "busy?":
          return { fault: "rate-limit", retryAfterMs: 1500 };
        case "overloaded?":
          return { fault: "overloaded" };
        case "long prompt":
          return { fault: "context-length" };
        case "slow, please":
          return { latencyMs: 2_000 };
        default:
          return {};
      }
    });
    const run = await runExample("handle-each-error", env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toEqual([
      "a typo in the options: LLMConfigError → fix the code: Unknown config option `maxTokens`. Did you mean `maxOutputTokens`?",
      expect.stringMatching(
        /^a budget too small: LLMBudgetExceededError → refused by tiny before sending/,
      ),
      expect.stringMatching(/^a 1 ms deadline: LLMTimeoutError → deadline passed/),
      "a wrong key: LLMAuthenticationError → check the API key (never retried)",
      "a model that does not exist: LLMModelNotFoundError → no such model: gpt-0-nonexistent",
      "a call a busy provider may refuse: LLMRateLimitError → rate limited: wait 1500 ms and try again",
      expect.stringMatching(
        /^a call an overloaded provider may fail: LLMProviderError → provider failed \(status 503, retryable\)$/,
      ),
      "a very long prompt: LLMContextLengthError → prompt too long for the model: shorten it",
    ]);
  });
});
