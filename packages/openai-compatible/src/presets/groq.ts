import type { ChatCompletionsDialect } from "../chat-completions-dialect.js";
import type { WireObject } from "../wire-reader.js";

/**
 * Groq (https://console.groq.com/docs/api-reference#chat-create). A streamed answer carries
 * its usage under `x_groq.usage` in the chunk with the finish reason (with `queue_time`,
 * `prompt_time`, … beside the OpenAI counts), not in a top-level `usage`; an answer that has a
 * top-level `usage` (every non-streamed one) is read from there. `max_tokens` is deprecated in
 * favour of `max_completion_tokens`. No price table (Groq's pricing page carries no date to
 * cite): budgeted calls need `prices`.
 */
export const groq: ChatCompletionsDialect = {
  provider: "groq",
  label: "Groq",
  baseURL: "https://api.groq.com/openai/v1",
  baseURLEnv: "GROQ_BASE_URL",
  apiKeyEnv: "GROQ_API_KEY",
  maxTokensParameter: "max_completion_tokens",
  findUsage: findGroqUsage,
};

function findGroqUsage(container: WireObject): unknown {
  if (container.usage !== undefined && container.usage !== null) return container.usage;
  const extra = container.x_groq;
  return typeof extra === "object" && extra !== null ? (extra as WireObject).usage : undefined;
}
