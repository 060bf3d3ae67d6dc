import { BudgetTracker, LLMBudgetExceededError, type LLMResult } from "@llmc/core";
import type { DemoProviders } from "./providers.js";

export type AgentName = "A" | "B" | "C";

/** A call an agent is about to make (no request sent yet, nothing reserved yet). */
export interface ChainCall {
  readonly agent: AgentName;
  readonly what: string;
  readonly provider: string;
  readonly model: string;
}

/** A call that ended: answered (`result`) or refused by a budget before it was sent. */
export interface ChainStep extends ChainCall {
  readonly result?: LLMResult;
  readonly refused?: LLMBudgetExceededError;
}

export interface ChainBudgets {
  readonly a: BudgetTracker;
  readonly b: BudgetTracker;
  readonly c: BudgetTracker;
}

export interface ChainOutcome {
  readonly steps: readonly ChainStep[];
  readonly budgets: ChainBudgets;
}

export interface ChainOptions {
  /** The whole job's cap in USD. */
  readonly totalUsd?: number;
  /** Called once the budgets exist, before any call. */
  readonly onBudgets?: (budgets: ChainBudgets) => void;
  /** Called as each call starts, as it ends, and for each streamed delta of C's draft. */
  readonly onCallStart?: (call: ChainCall) => void;
  readonly onStep?: (step: ChainStep) => void;
  readonly onDelta?: (text: string) => void;
}

/**
 * Orchestrator A (OpenAI) plans, hands research to B (Gemini) under a sub-cap, B fans out three
 * questions at once and hands the write-up to C (OpenRouter) under a tighter sub-cap. C streams
 * its draft, then tries a call whose worst case cannot fit its cap: it is refused before any
 * request leaves the process.
 */
export async function runDelegationChain(
  providers: DemoProviders,
  options: ChainOptions = {},
): Promise<ChainOutcome> {
  const a = new BudgetTracker({ total: options.totalUsd ?? 0.02, name: "A · orchestrator" });
  const b = a.child({ total: 0.008, name: "B · researcher" });
  const c = b.child({ total: 0.003, name: "C · writer" });
  options.onBudgets?.({ a, b, c });
  const steps: ChainStep[] = [];
  const record = (step: ChainStep) => {
    steps.push(step);
    options.onStep?.(step);
  };
  const { planner, researcher, writer } = providers;
  const start = (
    agent: AgentName,
    what: string,
    provider: { adapter: { provider: string }; model: string },
  ): ChainCall => {
    const call = { agent, what, provider: provider.adapter.provider, model: provider.model };
    options.onCallStart?.(call);
    return call;
  };

  const planCall = start("A", "plans the job", planner);
  const plan = await planner.adapter.executePrompt(
    "Plan a short report on hard spending caps for LLM agents.",
    {
      model: planner.model,
      systemPrompt: "You are a concise planner. Answer with three research questions.",
      maxOutputTokens: 300,
      budgetTracker: a,
      timeoutMs: 60_000,
    },
  );
  record({ ...planCall, result: plan });

  const questions = [
    "Why reserve before a call?",
    "How do sub-caps compose?",
    "What if a worker crashes?",
  ];
  const answers = await Promise.all(
    questions.map(async (question) => {
      const call = start("B", `researches "${question}"`, researcher);
      const result = await researcher.adapter.executePrompt(question, {
        model: researcher.model,
        maxOutputTokens: 200,
        // Thinking off: otherwise the reservation must cover Flash's 24,576-token thinking budget.
        thinkingBudget: 0,
        budgetTracker: b,
        timeoutMs: 60_000,
      });
      record({ ...call, result });
      return result;
    }),
  );

  const draftCall = start("C", "streams the draft", writer);
  const draft = writer.adapter.streamPrompt(
    [
      {
        role: "user",
        content: `Write a five-line summary of: ${answers.map((r) => r.text).join(" ")}`,
      },
    ],
    { model: writer.model, maxOutputTokens: 250, budgetTracker: c, timeoutMs: 60_000 },
  );
  for await (const delta of draft) options.onDelta?.(delta);
  record({ ...draftCall, result: await draft.result });

  const bookCall = start("C", "tries to write a 20-page book", writer);
  try {
    const result = await writer.adapter.executePrompt("Now rewrite it as a 20-page book.", {
      model: writer.model,
      maxOutputTokens: 16_000,
      budgetTracker: c,
    });
    record({ ...bookCall, what: "writes a book (should have been refused)", result });
  } catch (error) {
    if (!LLMBudgetExceededError.isInstance(error)) throw error;
    record({ ...bookCall, refused: error });
  }
  return { steps, budgets: { a, b, c } };
}
