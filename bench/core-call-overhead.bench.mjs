// What core's template method costs per call, without any I/O: validation, budget reserve and
// settle, deadline signal, result building — measured against calling the provider hook
// directly, in the same process. A loopback SDK call costs ~700–1,000 µs of CPU here, so this is
// the floor every adapter's overhead ratio stands on. Writes .bench-results/core.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BudgetTracker, LLMAdapter } from "../packages/core/dist/index.js";

const root = new URL("..", import.meta.url).pathname;

class InstantAdapter extends LLMAdapter {
  static contractVersion = 1;
  provider = "instant";
  priceTable = {
    provider: "instant",
    asOf: "2026-11-25",
    source: "bench",
    models: { m: { inputPerMTok: 1, outputPerMTok: 2, maxOutputTokens: 1_000 } },
  };
  async doGenerate() {
    return {
      text: "ok",
      finishReason: { kind: "stop", raw: "stop" },
      usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
    };
  }
}

const adapter = new InstantAdapter();
const budget = new BudgetTracker({ total: 1_000_000 });
const child = budget.child({ total: 1_000_000 }).child({ total: 1_000_000 });
const variants = {
  "provider hook alone (baseline)": () => adapter.doGenerate(),
  "executePrompt, no budget": () => adapter.executePrompt("hello", { model: "m" }),
  "executePrompt + budget": () =>
    adapter.executePrompt("hello", { model: "m", maxOutputTokens: 50, budgetTracker: budget }),
  "executePrompt + budget + timeout": () =>
    adapter.executePrompt("hello", {
      model: "m",
      maxOutputTokens: 50,
      budgetTracker: budget,
      timeoutMs: 30_000,
    }),
  "executePrompt + 3-level budget chain": () =>
    adapter.executePrompt("hello", { model: "m", maxOutputTokens: 50, budgetTracker: child }),
  "reserve + settle alone": async () => (await budget.reserve(100)).settle(50),
};

const CALLS = 20_000;
const ROUNDS = 7;
const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, call] of Object.entries(variants)) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) await call();
    samples[name].push(Number(process.hrtime.bigint() - start) / 1e3 / CALLS);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = Object.entries(samples).map(([name, values]) => ({
  variant: name,
  "µs/call (median of rounds)": Number(median(values.slice(1)).toFixed(2)),
}));
console.table(rows);
mkdirSync(join(root, ".bench-results"), { recursive: true });
writeFileSync(
  join(root, ".bench-results/core.json"),
  `${JSON.stringify({ calls: CALLS, rounds: ROUNDS, rows }, null, 2)}\n`,
);
console.log("wrote .bench-results/core.json");
