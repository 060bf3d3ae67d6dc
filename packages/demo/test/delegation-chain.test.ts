import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InMemorySpendLedger, LLMBudgetExceededError, usdToNanos } from "@llmc/core";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type ChainOutcome, runDelegationChain } from "../src/delegation-chain.js";
import { createDemoProviders, type DemoProviders } from "../src/providers.js";
import { AGENT_REPORT_GROUPS, agentCostTable } from "../src/view/agent-cost-table.js";

describe("the quick-start demo, offline", () => {
  let providers: DemoProviders;
  let outcome: ChainOutcome;
  let requestsBeforeRefusal = 0;
  const ledger = new InMemorySpendLedger();

  beforeAll(async () => {
    // No keys: every provider runs against the local simulator.
    providers = await createDemoProviders({});
    outcome = await runDelegationChain(providers, {
      onBudgets: (budgets) => ledger.attach(budgets.a),
      onStep: (step) => {
        if (!step.refused) requestsBeforeRefusal = providers.simulator!.requestCount();
      },
    });
  });
  afterAll(() => providers.close());

  it("runs A → B (three at once) → C through three real adapters over HTTP", () => {
    expect(outcome.steps.map((s) => s.agent)).toEqual(["A", "B", "B", "B", "C", "C"]);
    expect(outcome.steps.slice(0, 5).map((s) => s.result!.provider)).toEqual([
      "openai",
      "gemini",
      "gemini",
      "gemini",
      "openrouter",
    ]);
    expect(providers.simulator!.requestCount("openai")).toBe(1);
    expect(providers.simulator!.requestCount("gemini")).toBe(3);
    expect(providers.simulator!.requestCount("openrouter")).toBe(1);
  });

  it("ends with C's oversized call refused by C's own cap before any request", () => {
    const last = outcome.steps.at(-1)!;
    expect(last.refused).toBeInstanceOf(LLMBudgetExceededError);
    expect(last.refused!.budgetName).toBe("C · writer");
    expect(providers.simulator!.requestCount()).toBe(requestsBeforeRefusal);
  });

  it("charges every cost to the whole chain and leaves nothing reserved", () => {
    const { a, b, c } = outcome.budgets;
    const cost = (agents: string[]) =>
      outcome.steps
        .filter((s) => agents.includes(s.agent) && s.result)
        .reduce((sum, s) => sum + s.result!.costUsd!, 0);
    expect(c.spent).toBeCloseTo(cost(["C"]), 9);
    expect(b.spent).toBeCloseTo(cost(["B", "C"]), 9);
    expect(a.spent).toBeCloseTo(cost(["A", "B", "C"]), 9);
    for (const budget of [a, b, c]) {
      expect(budget.reserved).toBe(0);
      expect(budget.spent).toBeLessThanOrEqual(budget.total);
      expect(budget.spent).toBeGreaterThan(0);
    }
  });

  it("reads the per-agent table from the spend ledger, whose total is A's spent exactly", async () => {
    const report = await ledger.report({ groupBy: AGENT_REPORT_GROUPS });
    const { a, b, c } = outcome.budgets;
    expect(report.total.costNanos).toBe(usdToNanos(a.spent));
    expect(report.total.calls).toBe(5);
    const byBudget = (id: string) =>
      report.rows.filter((row) => row.group.budget === id).reduce((t, r) => t + r.costNanos, 0);
    expect(byBudget(c.id)).toBe(usdToNanos(c.spent));
    expect(byBudget(b.id) + byBudget(c.id)).toBe(usdToNanos(b.spent));
    const table = agentCostTable(report, outcome.steps, outcome.budgets).split("\n");
    expect(table[3]).toMatch(/^C +openrouter +1 +1 +\d+ +\d+ +\$0\.\d{6}$/);
    const allCost = `\\$${a.spent.toFixed(6).replace(".", "\\.")}`;
    expect(table[4]).toMatch(new RegExp(`^all +5 +1 +\\d+ +\\d+ +${allCost}$`));
  });
});

describe("the demo's main program in a pipe (not a terminal)", () => {
  it("prints plain lines, the budget table and the per-agent cost table; exit 0", async () => {
    const main = join(import.meta.dirname, "../dist/main.js");
    const dir = mkdtempSync(join(tmpdir(), "llmc-demo-"));
    const spendFile = join(dir, "spend.jsonl");
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    // No provider keys: offline on the simulator, whatever the developer's shell has set.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
    if (process.env.LLMC_TEST_RUN_ID) env.LLMC_TEST_RUN_ID = process.env.LLMC_TEST_RUN_ID;
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(process.execPath, [main, "--spend-file", spendFile], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        err += chunk.toString();
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
      child.once("error", reject);
      child.once("close", (exit) => {
        clearTimeout(timer);
        resolve({ code: exit, stdout: out, stderr: err });
      });
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a pipe gets no escapes at all.
    expect(stdout).not.toMatch(/\x1b\[/);
    const lines = stdout.split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "llm-connect demo: agent A → B → C, one budget, three providers",
      "",
      "  A  gpt-4o-mini (OpenAI, local simulator)",
      "  B  gemini-2.5-flash (Gemini, local simulator)",
      "  C  openai/gpt-4o-mini (OpenRouter, local simulator)",
    ]);
    expect(stdout).toMatch(
      /^ {2}A {2}plans the job: \d+ in \/ \d+ out, \$0\.\d{6} \(price-table\) — "/m,
    );
    expect(stdout.match(/^ {2}B {2}researches "/gm)).toHaveLength(3);
    expect(stdout).toMatch(/^ {2}C {2}streaming: Hard caps hold because every call reserves/m);
    expect(stdout).toContain("  C  tries to write a 20-page book: REFUSED by C · writer\n");
    expect(stdout).toMatch(/^A · orchestrator +\$0\.020000 +\$0\.\d{6} +\$0\.000000 +\$0\.\d{6}$/m);
    expect(stdout).toMatch(/^agent +provider +calls +refused +tokens in +tokens out +cost$/m);
    expect(stdout).toMatch(/^A +openai +1 +0 +\d+ +\d+ +\$0\.\d{6}$/m);
    expect(stdout).toMatch(/^B +gemini +3 +0 +\d+ +\d+ +\$0\.\d{6}$/m);
    expect(stdout).toMatch(/^C +openrouter +1 +1 +\d+ +\d+ +\$0\.\d{6}$/m);
    expect(stdout).toMatch(/^all +5 +1 +\d+ +\d+ +\$0\.\d{6}$/m);
    // The ledger, written as JSON lines: one settle event per answered call.
    const events = readFileSync(spendFile, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(events.map((event) => event.provider).sort()).toEqual([
      "gemini",
      "gemini",
      "gemini",
      "openai",
      "openrouter",
    ]);
    expect(stdout).toContain(`Spend ledger written to ${spendFile}`);
    expect(stdout).toContain("Requests the simulator served: 5");
    expect(stdout).toMatch(
      /The last call was refused before it was sent: Budget "C · writer" cannot cover/,
    );
  });
});
