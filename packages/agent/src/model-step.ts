import {
  type BudgetTracker,
  type ChatMessage,
  LLMBudgetExceededError,
  LLMInvalidResponseError,
  type LLMResult,
  type RunConfig,
} from "@llmc/core";
import { type AgentOptions, type AgentSchema, DEFAULT_MIN_OUTPUT_TOKENS } from "./agent-options.js";
import { fittedOutputTokens } from "./fit-output.js";
import type { RunSignal } from "./run-signal.js";

/** How one model call of the loop ended. */
export type ModelCallOutcome =
  | {
      readonly kind: "answered";
      readonly result: LLMResult;
      readonly maxOutputTokens: number | undefined;
    }
  /** The call did not fit the budget (even lowered, with `fitOutput`): nothing was sent. */
  | { readonly kind: "refused" }
  /** The run's signal or deadline fired; core released the call's hold. */
  | { readonly kind: "cancelled" }
  /**
   * The model called a tool with input its schema rejects (or an unknown tool), and core's
   * repairs did not mend it. The calls were charged.
   */
  | { readonly kind: "invalid-tool-input"; readonly error: LLMInvalidResponseError };

/** A lowered call that is refused again is lowered again, this many times at most. */
const FIT_ATTEMPTS = 4;

export interface ModelCallPlan {
  readonly messages: readonly ChatMessage[];
  readonly systemPrompt: string | undefined;
  readonly budget: BudgetTracker | undefined;
  /** `false` for the final answer: the tools are sent with `toolChoice: "none"`. */
  readonly toolsEnabled: boolean;
  /**
   * How many times core may feed an invalid answer back to the model (`repair`, 0–3): what is
   * left of `maxToolErrors`. Each repair is a budgeted call that reserves first.
   */
  readonly repairAttempts: number;
}

/**
 * One model call of the loop, through the adapter's `executePrompt`, so it reserves, retries
 * and settles exactly as a single call does. A budget refusal (raised before anything is sent)
 * is an outcome, not a throw: with `fitOutput` the call is tried again with a lower
 * `maxOutputTokens`, down to the floor. Other errors (provider, store, config) are thrown.
 */
export async function callModel<S extends AgentSchema | undefined>(
  options: AgentOptions<S>,
  plan: ModelCallPlan,
  run: RunSignal,
): Promise<ModelCallOutcome> {
  const hasTools = Object.keys(options.tools ?? {}).length > 0;
  const floor =
    typeof options.fitOutput === "object"
      ? options.fitOutput.minOutputTokens
      : DEFAULT_MIN_OUTPUT_TOKENS;
  let maxOutputTokens = options.maxOutputTokens;
  for (let attempt = 1; ; attempt++) {
    const config: RunConfig = {
      ...options.callOptions,
      model: options.model,
      ...(plan.systemPrompt !== undefined && { systemPrompt: plan.systemPrompt }),
      ...(plan.budget && { budgetTracker: plan.budget }),
      ...(run.cancellable && { signal: run.signal }),
      ...(maxOutputTokens !== undefined && { maxOutputTokens }),
      ...(options.temperature !== undefined && { temperature: options.temperature }),
      ...(options.maxRetries !== undefined && { maxRetries: options.maxRetries }),
      ...(options.metadata !== undefined && { metadata: options.metadata }),
      // "auto" is every provider's default: sent only to turn the tools off.
      ...(hasTools && { tools: options.tools, ...(!plan.toolsEnabled && { toolChoice: "none" }) }),
      ...(options.schema !== undefined && { schema: options.schema }),
      ...(plan.repairAttempts > 0 && { repair: { attempts: plan.repairAttempts } }),
    };
    try {
      // A copy: the loop appends to its list after the call, and what was sent must stay as sent.
      const result = await options.adapter.executePrompt([...plan.messages], config);
      const sent = maxOutputTokens ?? (plan.budget ? tableCap(options) : undefined);
      return { kind: "answered", result, maxOutputTokens: sent };
    } catch (error) {
      // Whatever the call threw once the run was stopped (core's abort error, mostly).
      if (run.reason) return { kind: "cancelled" };
      if (LLMBudgetExceededError.isInstance(error)) {
        if (!options.fitOutput || attempt >= FIT_ATTEMPTS) return { kind: "refused" };
        const current = maxOutputTokens ?? tableCap(options);
        const price = options.adapter.priceFor(options.model);
        const lowered =
          current === undefined ? undefined : fittedOutputTokens(error, current, price, floor);
        if (lowered === undefined) return { kind: "refused" };
        maxOutputTokens = lowered;
        continue;
      }
      if (LLMInvalidResponseError.isInstance(error)) {
        // A repair that did not fit the budget was not sent: the budget ends the run.
        if ((error.cause as { code?: unknown } | undefined)?.code === "budget_exceeded") {
          return { kind: "refused" };
        }
        if (error.toolName !== undefined) return { kind: "invalid-tool-input", error };
      }
      throw error;
    }
  }
}

/** The output cap core sends when none is set on a budgeted call: the price table's. */
function tableCap<S extends AgentSchema | undefined>(options: AgentOptions<S>): number | undefined {
  return options.adapter.priceFor(options.model)?.maxOutputTokens;
}
