import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BudgetTracker, InMemorySpendLedger, usdToNanos } from "@llmc/core";
import { MockAdapter } from "@llmc/testing";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { runLlmc } from "./llmc-bin.js";

const dir = mkdtempSync(join(tmpdir(), "llmc-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("llmc report --file", () => {
  it("reads settle events as JSON lines and prints the per-agent table; --json is exact", async () => {
    const root = new BudgetTracker({ total: 1, name: "run" });
    const ledger = new InMemorySpendLedger();
    ledger.attach(root);
    const adapter = new MockAdapter();
    for (const [agent, model, prompt] of [
      ["planner", "mock-large", "plan the work, please"],
      ["writer", "mock-small", "write it"],
      ["writer", "mock-small", "write it again, longer this time"],
    ] as const) {
      await adapter.executePrompt(prompt, {
        model,
        maxOutputTokens: 100,
        budgetTracker: root.child({ total: 0.5, id: agent }),
        metadata: { agent },
      });
    }
    const file = join(dir, "spend.jsonl");
    writeFileSync(file, `${ledger.events.map((event) => JSON.stringify(event)).join("\n")}\n`);

    const table = await runLlmc(["report", "--file", file, "--by", "metadata.agent,model"]);
    expect(table.code).toBe(EXIT.ok);
    const lines = table.stdout.split("\n");
    expect(lines[0]).toMatch(/^agent +model +calls +attempts +tokens in +tokens out +cost$/);
    expect(lines.slice(1, 3).map((line) => line.split(/ +/).slice(0, 3))).toEqual(
      expect.arrayContaining([
        ["planner", "mock-large", "1"],
        ["writer", "mock-small", "2"],
      ]),
    );
    expect(lines[3]).toMatch(/^all +3 +3 /);

    const json = await runLlmc(["report", "--file", file, "--json", "--by", "budget"]);
    const report = JSON.parse(json.stdout);
    expect(report.total.costNanos).toBe(usdToNanos(root.spent));
    expect(report.rows).toHaveLength(2);
  });

  it("a line that is not a settle event is exit 3 naming the line", async () => {
    const file = join(dir, "bad.jsonl");
    writeFileSync(file, '\n{"hello": 1}\n');
    const run = await runLlmc(["report", "--file", file]);
    expect(run.code).toBe(EXIT.config);
    expect(run.stderr).toMatch(/bad\.jsonl line 2 is not a settle event/);
  });
});
