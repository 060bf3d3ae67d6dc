// What each error class means and what to do about it. Some failures are provoked here on
// purpose (a typo, a tiny budget, a 1 ms deadline, a wrong key, a model that does not exist);
// others (rate limits, overload, a too-long prompt, no credits) are what a provider may answer
// to any call.
import {
  BudgetTracker,
  LLMAuthenticationError,
  LLMBudgetExceededError,
  LLMConfigError,
  LLMConnectionError,
  LLMContentFilterError,
  LLMContextLengthError,
  LLMError,
  LLMInsufficientCreditsError,
  LLMModelNotFoundError,
  LLMProviderError,
  LLMRateLimitError,
  LLMTimeoutError,
  type RunConfig,
} from "@llmc/core";
import { OpenAIAdapter } from "@llmc/openai";

export function whatToDo(error: unknown): string {
  // Subclasses before their parents: LLMInsufficientCreditsError is an LLMProviderError.
  if (LLMConfigError.isInstance(error)) return `fix the code: ${error.message}`;
  if (LLMBudgetExceededError.isInstance(error))
    return `refused by ${error.budgetName ?? error.budgetId} before sending: lower maxOutputTokens or raise the budget`;
  if (LLMAuthenticationError.isInstance(error)) return "check the API key (never retried)";
  if (LLMRateLimitError.isInstance(error))
    return `rate limited: wait ${error.retryAfterMs ?? "a few"} ms and try again`;
  if (LLMTimeoutError.isInstance(error)) return "deadline passed: allow more time or ask for less";
  if (LLMModelNotFoundError.isInstance(error)) return `no such model: ${error.model ?? "?"}`;
  if (LLMContextLengthError.isInstance(error)) return "prompt too long for the model: shorten it";
  if (LLMContentFilterError.isInstance(error)) return "blocked by the provider's filter";
  if (LLMInsufficientCreditsError.isInstance(error)) return "out of credits: top up the account";
  if (LLMConnectionError.isInstance(error)) return "could not reach the provider: network or URL";
  if (LLMProviderError.isInstance(error))
    return `provider failed (status ${error.status ?? "?"}, ${error.retryable ? "retryable" : "final"})`;
  if (LLMError.isInstance(error)) return `other llm-connect error (${error.code})`;
  throw error; // not ours: a bug to see, not to swallow
}

const gpt = new OpenAIAdapter({ maxRetries: 0 });
const attempts: [string, () => Promise<unknown>][] = [
  [
    "a typo in the options",
    () => gpt.executePrompt("hi", { model: "gpt-4o-mini", maxTokens: 5 } as RunConfig),
  ],
  [
    "a budget too small",
    () =>
      gpt.executePrompt("hi", {
        model: "gpt-4o",
        maxOutputTokens: 4_000,
        budgetTracker: new BudgetTracker({ total: 0.001, name: "tiny" }),
      }),
  ],
  [
    "a 1 ms deadline",
    () => gpt.executePrompt("slow, please", { model: "gpt-4o-mini", timeoutMs: 1 }),
  ],
  [
    "a wrong key",
    () => new OpenAIAdapter({ apiKey: "sk-wrong" }).executePrompt("hi", { model: "gpt-4o-mini" }),
  ],
  ["a model that does not exist", () => gpt.executePrompt("hi", { model: "gpt-0-nonexistent" })],
  ["a call a busy provider may refuse", () => gpt.executePrompt("busy?", { model: "gpt-4o-mini" })],
  [
    "a call an overloaded provider may fail",
    () => gpt.executePrompt("overloaded?", { model: "gpt-4o-mini" }),
  ],
  ["a very long prompt", () => gpt.executePrompt("long prompt", { model: "gpt-4o-mini" })],
];
for (const [what, attempt] of attempts) {
  try {
    await attempt();
    console.log(`${what}: succeeded`);
  } catch (error) {
    console.log(`${what}: ${(error as Error).name} → ${whatToDo(error)}`);
  }
}
