import type { SpendReport } from "@llmc/core";
import type { ChainOutcome, ChainStep } from "../delegation-chain.js";
import { formatBudgetTable, formatStep } from "../report.js";
import { agentCostTable } from "./agent-cost-table.js";
import type { DemoView, ViewStream } from "./demo-view.js";

/** Not a terminal (a pipe, a CI log): one line per finished call, no escapes, no redraws. */
export class PlainView implements DemoView {
  #streaming = false;
  constructor(private readonly out: ViewStream) {}

  budgets(): void {}

  callStarted(): void {}

  delta(text: string): void {
    if (!this.#streaming) this.out.write("  C  streaming: ");
    this.#streaming = true;
    this.out.write(text);
  }

  step(step: ChainStep): void {
    if (this.#streaming) this.out.write("\n");
    this.#streaming = false;
    this.out.write(`${formatStep(step)}\n`);
  }

  end(outcome: ChainOutcome, spend: SpendReport, footer: readonly string[]): void {
    this.out.write(`\n${formatBudgetTable(Object.values(outcome.budgets))}\n`);
    this.out.write(`\n${agentCostTable(spend, outcome.steps, outcome.budgets)}\n`);
    for (const line of footer) this.out.write(`\n${line}\n`);
  }
}
