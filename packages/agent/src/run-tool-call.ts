import {
  type BudgetReservation,
  type BudgetTracker,
  LLMBudgetExceededError,
  LLMConfigError,
  MAX_USD,
  nanosToUsd,
  redactSecrets,
  type Tool,
  type ToolCall,
  type ToolContext,
  usdToNanos,
  usdToNanosCeil,
} from "@llmc/core";
import type { AgentToolCall } from "./agent-result.js";
import type { RunSignal } from "./run-signal.js";

/** One tool call's outcome: the record for the result and the message for the model. */
export interface ToolCallOutcome {
  readonly record: AgentToolCall;
  /** The `tool` message content the model gets back. */
  readonly content: string;
}

/**
 * Runs one tool call inside the budget. A tool with `costUsd` reserves that amount on the
 * run's budget (and every ancestor) **before** `execute` runs; a call that does not fit is not
 * run. The hold is settled with what `execute` reported through `ctx.charge`, else with the
 * declared amount when it returned, else (it threw or was cancelled) released: like a model
 * call, a failure is charged only what it says it spent. Never rejects except for a budget
 * store outage while reserving (no tool ran: budgets fail closed).
 */
export async function runToolCall(
  call: ToolCall,
  step: number,
  tool: Tool,
  budget: BudgetTracker | undefined,
  run: RunSignal,
): Promise<ToolCallOutcome> {
  const done = (status: AgentToolCall["status"], costUsd: number, detail: Partial<AgentToolCall>) =>
    ({ ...call, step, status, costUsd, ...detail }) as AgentToolCall;

  let declaredUsd: number | undefined;
  try {
    declaredUsd = declaredCost(tool, call);
  } catch (error) {
    const message = messageOf(error);
    return { record: done("error", 0, { error: message }), content: errorContent(message) };
  }

  let hold: BudgetReservation | undefined;
  if (declaredUsd !== undefined && budget) {
    try {
      hold = await budget.reserve(usdToNanosCeil(declaredUsd));
    } catch (error) {
      if (!LLMBudgetExceededError.isInstance(error)) throw error;
      const message =
        `Not run: this call of \`${call.name}\` costs $${declaredUsd}, more than the budget ` +
        `has free ($${freeUsd(error)} of budget ${error.budgetName ?? error.budgetId}).`;
      return { record: done("refused", 0, { error: message }), content: errorContent(message) };
    }
  }

  let chargedUsd: number | undefined;
  let settled = false;
  const ctx: ToolContext = {
    signal: run.signal,
    budget,
    toolCallId: call.id,
    charge(usd: number) {
      if (settled) {
        throw new LLMConfigError(
          `ctx.charge(${usd}) came after tool call ${call.id} of \`${call.name}\` had ended; charge before execute returns.`,
          { field: "usd" },
        );
      }
      if (!Number.isFinite(usd) || usd < 0 || usd > MAX_USD) {
        throw new LLMConfigError(`ctx.charge(usd) needs a finite amount ≥ 0, got ${usd}.`, {
          field: "usd",
        });
      }
      const total = (chargedUsd ?? 0) + usd;
      // Only what was reserved may be charged: more would let the tool pass the cap.
      if (declaredUsd === undefined || total > declaredUsd) {
        throw new LLMConfigError(
          `Tool \`${call.name}\` charged $${total} but declares costUsd ${declaredUsd === undefined ? "none" : `$${declaredUsd}`}: ` +
            "declare a costUsd (a number or a function of the input) at least as high as what it may charge.",
          { field: "costUsd" },
        );
      }
      chargedUsd = total;
    },
  };

  const settle = async (usd: number): Promise<number> => {
    settled = true;
    if (!hold) return usd;
    // A store outage here keeps the hold and retries in the background (see BudgetReservation).
    await hold.settleEventually(usd === 0 ? 0 : usdToNanosCeil(usd), { callAnswered: true });
    return usd === 0 ? 0 : nanosToUsd(usdToNanosCeil(usd));
  };

  try {
    if (run.reason) throw run.signal.reason;
    const execute = tool.execute!;
    const output = await run.race(Promise.resolve().then(() => execute(call.input, ctx)));
    const costUsd = await settle(chargedUsd ?? declaredUsd ?? 0);
    return { record: done("ok", costUsd, { output }), content: outputContent(output) };
  } catch (error) {
    const costUsd = await settle(chargedUsd ?? 0);
    if (run.reason) {
      const message = `Cancelled: ${messageOf(run.signal.reason)}`;
      return {
        record: done("aborted", costUsd, { error: message }),
        content: errorContent(message),
      };
    }
    const message = messageOf(error);
    return { record: done("error", costUsd, { error: message }), content: errorContent(message) };
  }
}

/** The tool's declared cost for this input, checked: a number in 0…MAX_USD, or none. */
function declaredCost(tool: Tool, call: ToolCall): number | undefined {
  const declared = typeof tool.costUsd === "function" ? tool.costUsd(call.input) : tool.costUsd;
  if (declared === undefined) return undefined;
  if (
    typeof declared !== "number" ||
    !Number.isFinite(declared) ||
    declared < 0 ||
    declared > MAX_USD
  ) {
    throw new LLMConfigError(
      `Tool \`${call.name}\` declared costUsd ${String(declared)}: it must be a finite number of USD ≥ 0.`,
      { field: "costUsd" },
    );
  }
  return declared;
}

/** What the refusing budget had free, in whole nano-dollars (no float noise in the message). */
function freeUsd(error: LLMBudgetExceededError): number {
  const free = usdToNanos(error.limit) - usdToNanos(error.spent) - usdToNanos(error.reserved);
  return nanosToUsd(Math.max(0, free));
}

function outputContent(output: unknown): string {
  if (typeof output === "string") return output;
  return JSON.stringify(output) ?? "null";
}

export function errorContent(message: string): string {
  return JSON.stringify({ error: message });
}

/** An error's message for the model and the record, with secrets redacted. */
export function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactSecrets(message);
}
