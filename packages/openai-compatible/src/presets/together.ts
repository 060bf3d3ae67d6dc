import type { ChatCompletionsDialect } from "../chat-completions-dialect.js";

/**
 * Together AI (https://docs.together.ai/reference/chat-completions-1). A stream carries its
 * usage in the same chunk as the finish reason, without being asked, so `stream_options` is not
 * sent. Its finish reason for a natural end is often `eos` (kept as the raw value; core's kind
 * is then `other`). No price table (per-model prices, no dated page to cite): budgeted calls
 * need `prices`.
 */
export const together: ChatCompletionsDialect = {
  provider: "together",
  label: "Together AI",
  baseURL: "https://api.together.xyz/v1",
  baseURLEnv: "TOGETHER_BASE_URL",
  apiKeyEnv: "TOGETHER_API_KEY",
  maxTokensParameter: "max_tokens",
  streamUsage: false,
};
