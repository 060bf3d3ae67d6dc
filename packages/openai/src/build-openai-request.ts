import type { PreparedRequest } from "@llmc/core";
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import type { OpenAIAdapterOptions } from "./openai-options.js";
import type { OpenAIRunConfig } from "./openai-run-config.js";

type MaxTokensParameter = NonNullable<OpenAIAdapterOptions["maxTokensParameter"]>;

/**
 * RunConfig → Chat Completions body. Only fields the caller set are sent, so the provider's
 * own defaults apply to the rest. `signal`, `timeoutMs`, `maxRetries`, `budgetTracker` and
 * `metadata` are this library's business and never reach the wire.
 */
export function buildOpenAIRequestBody(
  request: PreparedRequest<OpenAIRunConfig>,
  maxTokensParameter: MaxTokensParameter = "max_completion_tokens",
): ChatCompletionCreateParamsNonStreaming {
  const messages: ChatCompletionMessageParam[] = [];
  if (request.systemPrompt !== undefined) {
    messages.push({ role: "system", content: request.systemPrompt });
  }
  for (const message of request.messages) {
    // Tool turns never get here: this adapter declares no tools capability, so core refuses them.
    if (message.role === "tool") continue;
    messages.push({ role: message.role, content: message.content });
  }
  const body: ChatCompletionCreateParamsNonStreaming = { model: request.model, messages };
  if (request.maxOutputTokens !== undefined) body[maxTokensParameter] = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  const { config } = request;
  if (config.topP !== undefined) body.top_p = config.topP;
  if (config.stop !== undefined) body.stop = config.stop;
  if (config.reasoningEffort !== undefined) body.reasoning_effort = config.reasoningEffort;
  if (config.user !== undefined) body.user = config.user;
  if (config.safetyIdentifier !== undefined) body.safety_identifier = config.safetyIdentifier;
  if (config.promptCacheKey !== undefined) body.prompt_cache_key = config.promptCacheKey;
  return body;
}
