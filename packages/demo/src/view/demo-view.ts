import type { SpendReport } from "@llmc/core";
import type { ChainBudgets, ChainCall, ChainOutcome, ChainStep } from "../delegation-chain.js";

/** Where the demo shows what happens: a live terminal view or plain lines. */
export interface DemoView {
  budgets(budgets: ChainBudgets): void;
  callStarted(call: ChainCall): void;
  step(step: ChainStep): void;
  delta(text: string): void;
  /** The run is over: draw the last state, then the per-agent cost table from the ledger. */
  end(outcome: ChainOutcome, spend: SpendReport, footer: readonly string[]): void;
}

/** The stream a view writes to (process.stdout, or a fake in tests). */
export interface ViewStream {
  write(chunk: string): unknown;
  readonly columns?: number | undefined;
}
