import type { BudgetTracker, SpendReport } from "@llmc/core";
import type { ChainBudgets, ChainCall, ChainOutcome, ChainStep } from "../delegation-chain.js";
import { agentCostTable } from "./agent-cost-table.js";
import { barParts } from "./budget-bar.js";
import type { DemoView, ViewStream } from "./demo-view.js";

type Paint = (text: string) => string;
interface Palette {
  readonly dim: Paint;
  readonly bold: Paint;
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly cyan: Paint;
}

const sgr =
  (open: number, close: number): Paint =>
  (text) =>
    text === "" ? "" : `\x1b[${open}m${text}\x1b[${close}m`;
const COLOR: Palette = {
  dim: sgr(2, 22),
  bold: sgr(1, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
};
const same: Paint = (text) => text;
const PLAIN: Palette = { dim: same, bold: same, red: same, green: same, yellow: same, cyan: same };

/** A line made of segments, so it can be cut to the terminal's width before it is painted. */
type Segment = readonly [text: string, paint: Paint];
type Line = readonly Segment[];

interface CallRow {
  readonly call: ChainCall;
  step?: ChainStep;
}

export interface LiveViewOptions {
  /** NO_COLOR: the same live view without colour. */
  readonly color: boolean;
  /** Redraw this often while calls are in flight, to show reservations filling the bars; 0: only on events. */
  readonly refreshMs?: number;
}

const BAR_WIDTH = 24;
const usd = (amount: number | undefined) => (amount === undefined ? "?" : `$${amount.toFixed(6)}`);

/**
 * A terminal: one frame redrawn in place — every call as it happens (provider, tokens, cost),
 * the budget tree with bars (spent █, held by calls in flight ▒, free ░), C's draft as it
 * streams, and the refused call the moment it is refused. Lines are cut to the terminal's
 * width so the redraw (cursor up by the frame's height) never miscounts wrapped lines.
 */
const WHAT_COLUMN_MAX = 48;

/** `text` padded to `width`, or cut to it with an ellipsis. */
function fitColumn(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

export class LiveView implements DemoView {
  readonly #out: ViewStream;
  readonly #paint: Palette;
  readonly #rows: CallRow[] = [];
  #budgets: ChainBudgets | undefined;
  #draft = "";
  #drawnLines = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(out: ViewStream, options: LiveViewOptions) {
    this.#out = out;
    this.#paint = options.color ? COLOR : PLAIN;
    const refreshMs = options.refreshMs ?? 100;
    if (refreshMs > 0) {
      this.#timer = setInterval(() => this.#draw(), refreshMs);
      this.#timer.unref();
    }
  }

  budgets(budgets: ChainBudgets): void {
    this.#budgets = budgets;
    this.#draw();
  }

  callStarted(call: ChainCall): void {
    this.#rows.push({ call });
    this.#draw();
  }

  step(step: ChainStep): void {
    // The row its start opened: the same agent and task (or, failing that, the agent's oldest
    // open call: a step may be renamed once it ends, like the book that was not refused).
    const open = this.#rows.filter((r) => !r.step && r.call.agent === step.agent);
    const row = open.find((r) => r.call.what === step.what) ?? open[0];
    if (row) row.step = step;
    else this.#rows.push({ call: step, step });
    this.#draw();
  }

  delta(text: string): void {
    this.#draft += text;
    this.#draw();
  }

  end(outcome: ChainOutcome, spend: SpendReport, footer: readonly string[]): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#draw();
    this.#out.write(
      `\n${this.#paint.bold("Cost per agent")}\n${agentCostTable(spend, outcome.steps, outcome.budgets)}\n`,
    );
    for (const line of footer) this.#out.write(`\n${line}\n`);
  }

  /** The frame as lines of segments (exported for tests through `frame()`). */
  frame(): Line[] {
    const p = this.#paint;
    const lines: Line[] = [[["Calls", p.bold]]];
    // One width for the "what" column so the outcomes line up, however long a question is.
    const whatWidth = Math.min(
      WHAT_COLUMN_MAX,
      Math.max(0, ...this.#rows.map(({ call }) => call.what.length)),
    );
    for (const { call, step } of this.#rows) {
      const head: Segment[] = [
        [`  ${call.agent}  `, p.bold],
        [`${call.provider.padEnd(10)} `, p.cyan],
        [`${fitColumn(call.what, whatWidth)} `, same],
      ];
      if (!step) lines.push([...head, ["… in flight", p.yellow]]);
      else if (step.refused) {
        const e = step.refused;
        const free = Math.max(0, e.limit - e.spent - e.reserved);
        lines.push([
          ...head,
          [
            `✗ REFUSED before sending by ${e.budgetName ?? e.budgetId}: needs ${usd(e.requested)}, ${usd(free)} free`,
            p.red,
          ],
        ]);
      } else {
        const r = step.result!;
        lines.push([
          ...head,
          [
            `${r.usage.inputTokens} in / ${r.usage.outputTokens} out  ${usd(r.costUsd)} (${r.costSource})`,
            p.green,
          ],
        ]);
      }
    }
    if (this.#budgets) {
      lines.push([], [["Budgets", p.bold]]);
      const { a, b, c } = this.#budgets;
      for (const [depth, tracker] of [a, b, c].entries())
        lines.push(this.#budgetLine(tracker, depth));
    }
    if (this.#draft) {
      const oneLine = this.#draft.replace(/\s+/g, " ");
      lines.push(
        [],
        [
          ["  C writes: ", p.bold],
          [oneLine, same],
        ],
      );
    }
    return lines;
  }

  #budgetLine(tracker: BudgetTracker, depth: number): Line {
    const p = this.#paint;
    const { spent, held, free } = barParts(tracker, BAR_WIDTH);
    const name = `${"  ".repeat(depth + 1)}${depth > 0 ? "└ " : ""}${tracker.name ?? tracker.id}`;
    return [
      [name.padEnd(22), same],
      ["█".repeat(spent), p.green],
      ["▒".repeat(held), p.yellow],
      ["░".repeat(free), p.dim],
      [
        `  ${usd(tracker.spent)} spent, ${usd(tracker.reserved)} held, of ${usd(tracker.total)}`,
        same,
      ],
    ];
  }

  #draw(): void {
    const width = Math.max(20, (this.#out.columns || 100) - 1);
    const text = this.frame().map((line) => render(line, width));
    // Back to the frame's first line, clear to the end of the screen, draw again.
    const up = this.#drawnLines > 0 ? `\x1b[${this.#drawnLines}F\x1b[J` : "";
    this.#out.write(`${up}${text.join("\n")}\n`);
    this.#drawnLines = text.length;
  }
}

/** Cuts a line to `width` visible characters, then paints each segment. */
function render(line: Line, width: number): string {
  let left = width;
  let out = "";
  for (const [text, paint] of line) {
    if (left <= 0) break;
    const piece = text.length > left ? `${text.slice(0, Math.max(0, left - 1))}…` : text;
    left -= piece.length;
    out += paint(piece);
  }
  return out;
}
