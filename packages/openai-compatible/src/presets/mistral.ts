import type { ChatCompletionsDialect } from "../chat-completions-dialect.js";

/**
 * Mistral AI (https://docs.mistral.ai/api/#tag/chat/operation/chat_completion_v1_chat_completions_post).
 * Its API refuses fields it does not define with a 422 `extra_forbidden` — among them
 * `stream_options` and `max_completion_tokens` — so neither is sent: `max_tokens` carries the
 * cap, and a stream brings its usage in the chunk with the finish reason anyway. No price table
 * (no dated page to cite): budgeted calls need `prices`.
 */
export const mistral: ChatCompletionsDialect = {
  provider: "mistral",
  label: "Mistral AI",
  baseURL: "https://api.mistral.ai/v1",
  baseURLEnv: "MISTRAL_BASE_URL",
  apiKeyEnv: "MISTRAL_API_KEY",
  maxTokensParameter: "max_tokens",
  streamUsage: false,
};
