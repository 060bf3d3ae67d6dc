import type { PreparedRequest, RunConfig } from "@llmc/core/adapter";
import type { ChatCompletionsDialect, MaxTokensParameter } from "./chat-completions-dialect.js";
import { addToolsAndResponseFormat, toChatCompletionsMessage } from "./chat-completions-tools.js";

/** One message of a Chat Completions request (tool turns: see chat-completions-tools.ts). */
export interface ChatCompletionsMessage {
  readonly role: "system" | "user" | "assistant" | "tool";
  /** `null` for an assistant turn that only called tools. */
  readonly content: string | null;
  readonly tool_calls?: readonly {
    readonly id: string;
    readonly type: "function";
    readonly function: { readonly name: string; readonly arguments: string };
  }[];
  readonly tool_call_id?: string;
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
  tools?: unknown[];
  tool_choice?: "auto" | "required" | "none" | { type: "function"; function: { name: string } };
  response_format?: unknown;
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
  dialect: Pick<ChatCompletionsDialect<TConfig>, "extendBody" | "strictSchemas">,
): ChatCompletionsBody {
  const messages: ChatCompletionsMessage[] = [];
  if (request.systemPrompt !== undefined) {
    messages.push({ role: "system", content: request.systemPrompt });
  }
  for (const message of request.messages) messages.push(toChatCompletionsMessage(message));
  const body: ChatCompletionsBody = { model: request.model, messages };
  if (request.maxOutputTokens !== undefined) body[maxTokensParameter] = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  const config = request.config as CommonChatConfig;
  if (config.topP !== undefined) body.top_p = config.topP;
  if (config.stop !== undefined) body.stop = config.stop;
  if (config.user !== undefined) body.user = config.user;
  addToolsAndResponseFormat(body, request, dialect.strictSchemas !== false);
  dialect.extendBody?.(body, request);
  return body;
}
