import { InMemorySpendLedger } from "@llmc/core";
import { describe, expect, it } from "vitest";
import { runDelegationChain } from "../src/delegation-chain.js";
import { createDemoProviders } from "../src/providers.js";
import { AGENT_REPORT_GROUPS } from "../src/view/agent-cost-table.js";
import type { ViewStream } from "../src/view/demo-view.js";
import { LiveView } from "../src/view/live-view.js";

/** A terminal stand-in: records every write, reports a width. */
class FakeTerminal implements ViewStream {
  readonly writes: string[] = [];
  constructor(readonly columns: number) {}
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return true;
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the view's own escapes.
const COLOUR = /\x1b\[\d+m/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the view's own escapes.
const REDRAW = /^\x1b\[(\d+)F\x1b\[J/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping the view's own escapes.
const strip = (text: string) => text.replace(/\x1b\[\d*[mFJ]/g, "");

async function runWithLiveView(columns: number, color: boolean) {
  const terminal = new FakeTerminal(columns);
  const view = new LiveView(terminal, { color, refreshMs: 0 });
  const providers = await createDemoProviders({});
  const ledger = new InMemorySpendLedger();
  try {
    const outcome = await runDelegationChain(providers, {
      onBudgets: (budgets) => {
        ledger.attach(budgets.a);
        view.budgets(budgets);
      },
      onCallStart: (call) => view.callStarted(call),
      onDelta: (text) => view.delta(text),
      onStep: (step) => view.step(step),
    });
    view.end(outcome, await ledger.report({ groupBy: AGENT_REPORT_GROUPS }), ["footer line"]);
  } finally {
    await providers.close();
  }
  return terminal.writes;
}

describe("the demo's live terminal view", () => {
  it("redraws one frame in place: calls in flight, then done, the bars, and the refusal", async () => {
    const writes = await runWithLiveView(140, true);
    const frames = writes.filter((w) => w.includes("Calls"));
    expect(frames.length).toBeGreaterThan(8);
    // Every frame after the first moves back up by exactly the previous frame's height.
    for (let i = 1; i < frames.length; i++) {
      const up = REDRAW.exec(frames[i]!);
      expect(up, `frame ${i} redraws in place`).not.toBeNull();
      expect(Number(up![1])).toBe(frames[i - 1]!.replace(REDRAW, "").split("\n").length - 1);
    }
    const plain = frames.map(strip);
    expect(plain.some((f) => /A {2}openai +plans the job +… in flight/.test(f))).toBe(true);
    expect(plain.some((f) => (f.match(/researches .*… in flight/g) ?? []).length === 3)).toBe(true);
    expect(plain.some((f) => /C writes: Hard caps hold because/.test(f))).toBe(true);
    const last = plain.at(-1)!;
    // Every outcome starts in the same column, however long the call's description is.
    const outcomeColumns = last
      .split("\n")
      .filter((line) => / in \/ \d+ out |REFUSED/.test(line))
      .map((line) => line.search(/\d+ in \/|✗ REFUSED/));
    expect(outcomeColumns.length).toBe(6);
    expect(new Set(outcomeColumns).size).toBe(1);
    expect(last).toMatch(
      /A {2}openai +plans the job +\d+ in \/ \d+ out {2}\$0\.\d{6} \(price-table\)/,
    );
    expect(last).toMatch(
      /C {2}openrouter tries to write a 20-page book +✗ REFUSED before sending by C · writer: needs \$0\.\d{6}, \$0\.\d{6} free/,
    );
    expect(last).toMatch(
      /^ {2}A · orchestrator +█+░+ {2}\$0\.\d{6} spent, \$0\.000000 held, of \$0\.020000$/m,
    );
    expect(last).toMatch(/^ {6}└ C · writer +█+░+ /m);
    expect(last).not.toContain("in flight");
    // The refusal is red; the final table and footer follow the frame.
    expect(frames.at(-1)).toContain("\x1b[31m✗ REFUSED");
    const after = strip(writes.slice(writes.lastIndexOf(frames.at(-1)!) + 1).join(""));
    expect(after).toMatch(
      /Cost per agent\nagent +provider +calls +refused +tokens in +tokens out +cost\nA +openai +1 +0 /,
    );
    expect(after).toMatch(/^C +openrouter +1 +1 /m);
    expect(after).toContain("footer line");
  });

  it("some reservation is visible as held (▒) while a call is in flight", async () => {
    const frames = (await runWithLiveView(140, false)).filter((w) => w.includes("Calls"));
    expect(frames.some((f) => /▒+░* {2}\$0\.\d{6} spent, \$0\.0*[1-9]\d* held/.test(f))).toBe(true);
  });

  it("without colour: no colour escapes, only the cursor moves; lines fit a narrow terminal", async () => {
    const writes = await runWithLiveView(50, false);
    const all = writes.join("");
    expect(all).not.toMatch(COLOUR);
    const frames = writes.filter((w) => w.includes("Calls"));
    for (const frame of frames) {
      for (const line of strip(frame).split("\n")) expect(line.length).toBeLessThanOrEqual(49);
    }
  });
});
