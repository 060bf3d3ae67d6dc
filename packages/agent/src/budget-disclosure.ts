import type { BudgetTracker } from "@llmc/core";

/**
 * The instructions every step is sent with: the caller's, and with `discloseBudget` one line
 * telling the model what it may spend. The line is written once, when the run starts, and sent
 * unchanged on every step: providers cache a prompt by its prefix, and the system prompt comes
 * first, so a figure that changed every step would make every step a cache miss. (The model
 * learns what remains as it goes from how the steps went; a per-step figure in each message
 * would cost the cache too.)
 */
export function systemPromptFor(
  instructions: string | undefined,
  disclose: { readonly budget: BudgetTracker; readonly maxSteps: number } | undefined,
): string | undefined {
  if (!disclose) return instructions;
  const line =
    `Budget: this task may spend at most $${formatUsd(disclose.budget.effectiveRemaining())} ` +
    `on model calls and tools, in at most ${disclose.maxSteps} model calls. Every call and tool ` +
    "costs money and a call that does not fit is refused, so use tools sparingly and answer " +
    "before the budget runs out.";
  return instructions ? `${instructions}\n\n${line}` : line;
}

/** USD with up to six decimals, trailing zeros dropped: 0.05 → "0.05", 0.0000123 → "0.000012". */
function formatUsd(usd: number): string {
  return String(Number(usd.toFixed(6)));
}
