import type { ChainStep } from "../delegation-chain.js";

const usd = (amount: number) => `$${amount.toFixed(6)}`;

/** One row per agent: provider, calls answered and refused, tokens, what it cost. */
export function agentCostTable(steps: readonly ChainStep[]): string {
  const agents = [...new Set(steps.map((s) => s.agent))];
  const rows = agents.map((agent) => {
    const mine = steps.filter((s) => s.agent === agent);
    const answered = mine.filter((s) => s.result);
    const sum = (pick: (s: ChainStep) => number) => answered.reduce((t, s) => t + pick(s), 0);
    return [
      agent,
      [...new Set(mine.map((s) => s.provider))].join(", "),
      String(answered.length),
      String(mine.length - answered.length),
      String(sum((s) => s.result!.usage.inputTokens)),
      String(sum((s) => s.result!.usage.outputTokens)),
      usd(sum((s) => s.result!.costUsd ?? 0)),
    ];
  });
  const total = steps.reduce((t, s) => t + (s.result?.costUsd ?? 0), 0);
  const header = ["agent", "provider", "calls", "refused", "tokens in", "tokens out", "cost"];
  const all = [header, ...rows, ["all", "", "", "", "", "", usd(total)]];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all
    .map((row) =>
      row
        .map((cell, i) => (i >= 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join("  "),
    )
    .join("\n");
}
