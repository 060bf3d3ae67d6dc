import type { Usage } from "@llmc/core";
import type { ChatCompletionsDialect } from "../chat-completions-dialect.js";
import { readChatCompletionsUsage, toUsage } from "../convert-openai-compatible-usage.js";
import type { WireObject, WireReader } from "../wire-reader.js";

/**
 * DeepSeek (https://api-docs.deepseek.com/api/create-chat-completion). Its usage reports the
 * prompt cache in its own fields, `prompt_cache_hit_tokens` + `prompt_cache_miss_tokens` =
 * `prompt_tokens` (https://api-docs.deepseek.com/guides/kv_cache); OpenAI's
 * `prompt_tokens_details.cached_tokens` may come too, and the hit count wins. Reasoning tokens
 * (deepseek-reasoner) are in `completion_tokens_details.reasoning_tokens`, inside
 * `completion_tokens`. No price table: DeepSeek's prices change with each model generation and
 * its pricing page carries no date to cite, so budgeted calls need `prices` (fail closed).
 */
export const deepseek: ChatCompletionsDialect = {
  provider: "deepseek",
  label: "DeepSeek",
  baseURL: "https://api.deepseek.com/v1",
  baseURLEnv: "DEEPSEEK_BASE_URL",
  apiKeyEnv: "DEEPSEEK_API_KEY",
  maxTokensParameter: "max_tokens",
  readUsage: readDeepSeekUsage,
};

function readDeepSeekUsage(usage: WireObject, reader: WireReader): Usage | undefined {
  const common = readChatCompletionsUsage(usage, reader);
  const hit = reader.count(usage.prompt_cache_hit_tokens, "usage.prompt_cache_hit_tokens");
  if (!common || hit === undefined) return common;
  return toUsage(
    common.inputTokens,
    common.outputTokens,
    common.totalTokens,
    hit,
    common.cacheWriteTokens,
    common.reasoningTokens,
  );
}
