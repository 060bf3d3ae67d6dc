import {
  type ChatMessage,
  emptyUsage,
  LLMBudgetExceededError,
  type LLMResult,
  type ToolCall,
  toMessages,
} from "@llmc/core";
import {
  type AgentOptions,
  type AgentSchema,
  DEFAULT_MAX_STEPS,
  DEFAULT_MAX_TOOL_ERRORS,
  type SchemaOutput,
} from "./agent-options.js";
import type { AgentRun, AgentStep, AgentStopReason, AgentToolCall } from "./agent-result.js";
import { systemPromptFor } from "./budget-disclosure.js";
import { checkAgentOptions } from "./check-agent-options.js";
import { FinalAnswerReserve } from "./final-answer-reserve.js";
import { callModel, type ModelCallOutcome } from "./model-step.js";
import { RunSignal } from "./run-signal.js";
import { errorContent, messageOf, runToolCall, type ToolCallOutcome } from "./run-tool-call.js";
import { addUsage } from "./usage-sum.js";

/** Core repairs an answer at most this many times per call. */
const MAX_REPAIRS = 3;

/** Told to the model before the final-answer call, which has tools disabled. */
const FINAL_ANSWER_REQUEST =
  "No more tool calls are possible: the budget or the step limit is reached. Give your final " +
  "answer now from what you have.";

/**
 * Runs a tool loop: the model is called, the tools it asks for run (concurrently, each
 * reserving its cost first), their results go back, until the model answers without a tool
 * call or the run stops. The budget is checked **before** every model call and every tool, so
 * a run never spends past its cap, and a call that does not fit ends the run with
 * `stopReason: "budget"` and everything done so far — never an unhandled throw. Provider,
 * budget-store and config errors are thrown as the typed `LLMError`s they are. See
 * contracts/agent.md for the exact semantics.
 */
export async function runAgent<S extends AgentSchema | undefined = undefined>(
  options: AgentOptions<S>,
): Promise<AgentRun<SchemaOutput<S>>> {
  checkAgentOptions(options);
  const loop = new AgentLoop(options);
  return loop.run() as Promise<AgentRun<SchemaOutput<S>>>;
}

class AgentLoop<S extends AgentSchema | undefined> {
  readonly #options: AgentOptions<S>;
  readonly #maxSteps: number;
  readonly #maxToolErrors: number;
  readonly #steps: AgentStep[] = [];
  readonly #toolCalls: AgentToolCall[] = [];
  readonly #messages: ChatMessage[];
  #usage = emptyUsage();
  #costUsd: number | undefined = 0;
  #toolErrors = 0;
  #text = "";
  #object: unknown;

  constructor(options: AgentOptions<S>) {
    this.#options = options;
    this.#maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
    this.#maxToolErrors = options.maxToolErrors ?? DEFAULT_MAX_TOOL_ERRORS;
    this.#messages = [...toMessages(options.prompt)];
  }

  async run(): Promise<AgentRun> {
    const options = this.#options;
    const budget = options.budgetTracker;
    const signal = new RunSignal(options.signal, options.timeoutMs);
    let reserve: FinalAnswerReserve | undefined;
    try {
      if (signal.reason) return this.#result(signal.reason);
      if (options.finalAnswer && budget) {
        try {
          reserve = await FinalAnswerReserve.hold(budget, options.finalAnswer.reserveUsd);
        } catch (error) {
          // Not even the final answer's money is there: nothing can run.
          if (LLMBudgetExceededError.isInstance(error)) return this.#result("budget");
          throw error;
        }
      }
      // Written once, after the final answer's money is set aside: the same bytes every step.
      const systemPrompt = systemPromptFor(
        options.instructions,
        options.discloseBudget && budget ? { budget, maxSteps: this.#maxSteps } : undefined,
      );
      const stop = await this.#loop(systemPrompt, signal);
      if (stop !== "budget" && stop !== "max-steps") return this.#result(stop);
      if (!reserve) return this.#result(stop);
      const final = await this.#finalAnswer(systemPrompt, reserve, signal);
      return this.#result(final ?? stop);
    } finally {
      signal.dispose();
      await reserve?.close();
    }
  }

  /** The steps, until the model answers or the run must stop. */
  async #loop(systemPrompt: string | undefined, signal: RunSignal): Promise<AgentStopReason> {
    const options = this.#options;
    for (let index = 1; ; index++) {
      if (signal.reason) return signal.reason;
      if (index > this.#maxSteps) return "max-steps";
      const repairAttempts = Math.min(MAX_REPAIRS, this.#maxToolErrors - this.#toolErrors);
      const outcome = await callModel(
        options,
        {
          messages: this.#messages,
          systemPrompt,
          budget: options.budgetTracker,
          toolsEnabled: true,
          repairAttempts,
        },
        signal,
      );
      if (outcome.kind === "cancelled") return signal.reason ?? "aborted";
      if (outcome.kind === "refused") return "budget";
      if (outcome.kind === "invalid-tool-input") {
        // Core made every repair it was allowed (each a tool error) before giving up: one more.
        this.#toolErrors += repairAttempts;
        if (this.#countToolError()) return "tool-error";
        this.#messages.push({ role: "user", content: invalidInputFeedback(outcome) });
        continue;
      }
      const { result } = outcome;
      this.#answered(result);
      // Each repair core made fed an invalid tool input (or answer) back: a tool error each.
      this.#toolErrors += result.repairs;
      if (result.toolCalls.length === 0) {
        this.#object = result.object;
        this.#record(index, "model", outcome, []);
        return "done";
      }
      this.#messages.push({ role: "assistant", content: result.text, toolCalls: result.toolCalls });
      // The last step's tools would run for an answer nobody asks the model for: not run.
      const outcomes =
        index === this.#maxSteps
          ? result.toolCalls.map((call) =>
              notRun(call, index, "the step limit (maxSteps) is reached"),
            )
          : await this.#runTools(result.toolCalls, index, signal);
      for (const { record, content } of outcomes) {
        this.#messages.push({ role: "tool", toolCallId: record.id, content });
      }
      this.#record(
        index,
        "model",
        outcome,
        outcomes.map((o) => o.record),
      );
      if (signal.reason) return signal.reason;
      const threw = outcomes.filter((o) => o.record.status === "error").length;
      if (threw > 0 && options.onToolError === "stop") return "tool-error";
      for (let i = 0; i < threw; i++) if (this.#countToolError()) return "tool-error";
    }
  }

  /** A step's tool calls, concurrently; each reserves its cost before it runs. */
  async #runTools(
    calls: readonly ToolCall[],
    index: number,
    signal: RunSignal,
  ): Promise<ToolCallOutcome[]> {
    const tools = this.#options.tools ?? {};
    const settled = await Promise.allSettled(
      calls.map((call) =>
        runToolCall(call, index, tools[call.name]!, this.#options.budgetTracker, signal),
      ),
    );
    // Only a budget-store outage while reserving rejects: thrown once every call has ended.
    const failed = settled.find((s) => s.status === "rejected");
    if (failed) {
      for (const s of settled) if (s.status === "fulfilled") this.#addCost(s.value.record.costUsd);
      throw failed.reason;
    }
    return settled.map((s) => (s as PromiseFulfilledResult<ToolCallOutcome>).value);
  }

  /** The last call, with tools disabled, on the money kept aside. */
  async #finalAnswer(
    systemPrompt: string | undefined,
    reserve: FinalAnswerReserve,
    signal: RunSignal,
  ): Promise<AgentStopReason | undefined> {
    this.#messages.push({ role: "user", content: FINAL_ANSWER_REQUEST });
    const outcome = await callModel(
      this.#options,
      {
        messages: this.#messages,
        systemPrompt,
        budget: reserve.budget(),
        toolsEnabled: false,
        repairAttempts: 0,
      },
      signal,
    );
    if (outcome.kind === "cancelled") return signal.reason ?? "aborted";
    if (outcome.kind !== "answered") return undefined;
    this.#answered(outcome.result);
    this.#object = outcome.result.object;
    this.#record(this.#steps.length + 1, "final-answer", outcome, []);
    return undefined;
  }

  #answered(result: LLMResult): void {
    this.#text = result.text;
    this.#usage = addUsage(this.#usage, result.usage);
    if (result.costUsd === undefined) this.#costUsd = undefined;
    else this.#addCost(result.costUsd);
  }

  #addCost(usd: number): void {
    if (this.#costUsd !== undefined) this.#costUsd += usd;
  }

  #record(
    index: number,
    kind: AgentStep["kind"],
    outcome: Extract<ModelCallOutcome, { kind: "answered" }>,
    toolCalls: readonly AgentToolCall[],
  ): void {
    const { result } = outcome;
    for (const call of toolCalls) this.#addCost(call.costUsd);
    this.#toolCalls.push(...toolCalls);
    const step: AgentStep = {
      index,
      kind,
      text: result.text,
      provider: result.provider,
      model: result.model,
      finishReason: result.finishReason,
      usage: result.usage,
      costUsd: result.costUsd,
      maxOutputTokens: outcome.maxOutputTokens,
      durationMs: result.durationMs,
      repairs: result.repairs,
      toolCalls,
    };
    this.#steps.push(step);
    this.#options.onStep?.(step);
  }

  /** Counts one tool error; true when that is one more than the run tolerates. */
  #countToolError(): boolean {
    this.#toolErrors++;
    return this.#toolErrors > this.#maxToolErrors;
  }

  #result(stopReason: AgentStopReason): AgentRun {
    return {
      stopReason,
      text: this.#text,
      object: this.#object,
      steps: this.#steps,
      usage: this.#usage,
      costUsd: this.#costUsd === undefined ? undefined : Number(this.#costUsd.toFixed(9)),
      toolCalls: this.#toolCalls,
    };
  }
}

function notRun(call: ToolCall, step: number, why: string): ToolCallOutcome {
  const error = `Not run: ${why}.`;
  return {
    record: { ...call, step, status: "not-run", error, costUsd: 0 },
    content: errorContent(error),
  };
}

/** What the model is told when its tool input failed the tool's schema. */
function invalidInputFeedback(
  outcome: Extract<ModelCallOutcome, { kind: "invalid-tool-input" }>,
): string {
  const name = outcome.error.toolName;
  return (
    `Your call of the tool \`${name}\` was not run: its input does not match the tool's input ` +
    `schema (${messageOf(outcome.error)}). Call it again with valid input, or answer without it.`
  );
}
