import { BudgetTracker, LLMBudgetExceededError, type LLMResult } from "@llmc/core";
import type { DemoProviders } from "./providers.js";

export interface ChainStep {
  readonly agent: "A" | "B" | "C";
  readonly what: string;
  readonly result?: LLMResult;
  readonly refused?: LLMBudgetExceededError;
}

export interface ChainOutcome {
  readonly steps: readonly ChainStep[];
  readonly budgets: {
    readonly a: BudgetTracker;
    readonly b: BudgetTracker;
    readonly c: BudgetTracker;
  };
}

export interface ChainOptions {
  /** The whole job's cap in USD. */
  readonly totalUsd?: number;
  /** Called as each step ends, and for each streamed delta of C's draft. */
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
  const steps: ChainStep[] = [];
  const record = (step: ChainStep) => {
    steps.push(step);
    options.onStep?.(step);
  };
  const { planner, researcher, writer } = providers;

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
  record({ agent: "A", what: "plans the job", result: plan });

  const questions = [
    "Why reserve before a call?",
    "How do sub-caps compose?",
    "What if a worker crashes?",
  ];
  const answers = await Promise.all(
    questions.map((question) =>
      researcher.adapter.executePrompt(question, {
        model: researcher.model,
        maxOutputTokens: 200,
        // Thinking off: otherwise the reservation must cover Flash's 24,576-token thinking budget.
        thinkingBudget: 0,
        budgetTracker: b,
        timeoutMs: 60_000,
      }),
    ),
  );
  for (const [i, result] of answers.entries()) {
    record({ agent: "B", what: `researches "${questions[i]}"`, result });
  }

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
  record({ agent: "C", what: "streams the draft", result: await draft.result });

  try {
    const result = await writer.adapter.executePrompt("Now rewrite it as a 20-page book.", {
      model: writer.model,
      maxOutputTokens: 16_000,
      budgetTracker: c,
    });
    record({ agent: "C", what: "writes a book (should have been refused)", result });
  } catch (error) {
    if (!LLMBudgetExceededError.isInstance(error)) throw error;
    record({ agent: "C", what: "tries to write a 20-page book", refused: error });
  }
  return { steps, budgets: { a, b, c } };
}
