import type { PreparedRequest, RunConfig } from "@llmc/core";
import type { ChatCompletionsDialect, MaxTokensParameter } from "./chat-completions-dialect.js";

/** One message of a Chat Completions request. */
export interface ChatCompletionsMessage {
  readonly role: "system" | "user" | "assistant";
  readonly content: string;
}

/**
 * A Chat Completions request body: the common fields, plus whatever a dialect's `extendBody`
 * adds (the SDK sends unknown fields unchanged).
 */
export interface ChatCompletionsBody {
  model: string;
  messages: ChatCompletionsMessage[];
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string | readonly string[];
  user?: string;
  stream?: boolean;
  stream_options?: { include_usage: boolean };
  [vendorField: string]: unknown;
}

/** The per-call fields every Chat Completions server takes (see the run-config schema). */
interface CommonChatConfig extends RunConfig {
  readonly topP?: number | undefined;
  readonly stop?: string | readonly string[] | undefined;
  readonly user?: string | undefined;
}

/**
 * RunConfig → Chat Completions body. Only fields the caller set are sent, so the server's own
 * defaults apply to the rest. `signal`, `timeoutMs`, `maxRetries`, `budgetTracker` and
 * `metadata` are this library's business and never reach the wire.
 */
export function buildChatCompletionsBody<TConfig extends RunConfig>(
  request: PreparedRequest<TConfig>,
  maxTokensParameter: MaxTokensParameter,
  dialect: Pick<ChatCompletionsDialect<TConfig>, "extendBody">,
): ChatCompletionsBody {
  const messages: ChatCompletionsMessage[] = [];
  if (request.systemPrompt !== undefined) {
    messages.push({ role: "system", content: request.systemPrompt });
  }
  for (const message of request.messages) {
    // Tool turns never get here until tools are wired: without the tools capability core refuses them.
    if (message.role === "tool") continue;
    messages.push({ role: message.role, content: message.content });
  }
  const body: ChatCompletionsBody = { model: request.model, messages };
  if (request.maxOutputTokens !== undefined) body[maxTokensParameter] = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  const config = request.config as CommonChatConfig;
  if (config.topP !== undefined) body.top_p = config.topP;
  if (config.stop !== undefined) body.stop = config.stop;
  if (config.user !== undefined) body.user = config.user;
  dialect.extendBody?.(body, request);
  return body;
}
