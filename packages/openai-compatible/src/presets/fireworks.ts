import type { ChatCompletionsDialect } from "../chat-completions-dialect.js";

/**
 * Fireworks AI (https://docs.fireworks.ai/api-reference/post-chatcompletions). A stream ends
 * with a chunk carrying the finish reason and `usage` without being asked, so `stream_options`
 * is not sent; cached prompt tokens, when reported, are OpenAI's
 * `prompt_tokens_details.cached_tokens`. Model names are paths
 * (`accounts/fireworks/models/…`). No price table (no dated page to cite): budgeted calls need
 * `prices`.
 */
export const fireworks: ChatCompletionsDialect = {
  provider: "fireworks",
  label: "Fireworks AI",
  baseURL: "https://api.fireworks.ai/inference/v1",
  baseURLEnv: "FIREWORKS_BASE_URL",
  apiKeyEnv: "FIREWORKS_API_KEY",
  maxTokensParameter: "max_tokens",
  streamUsage: false,
};
