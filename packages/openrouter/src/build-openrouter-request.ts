import type { PreparedRequest } from "@llmc/core";
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import type { OpenRouterProviderRouting, OpenRouterRunConfig } from "./openrouter-run-config.js";

/** The Chat Completions body plus OpenRouter's own fields, which the SDK passes through. */
export interface OpenRouterChatBody extends Omit<ChatCompletionCreateParamsNonStreaming, "stream"> {
  stream?: boolean;
  provider?: OpenRouterProviderRouting;
  models?: string[];
  transforms?: string[];
  reasoning?: OpenRouterRunConfig["reasoning"];
  /** Asks for `usage.cost`. OpenRouter now always sends it; the flag is harmless and kept. */
  usage: { include: true };
}

/**
 * RunConfig → OpenRouter body. OpenRouter takes the classic `max_tokens` (it translates it
 * for every upstream, `max_completion_tokens` included). Only fields the caller set are sent.
 */
export function buildOpenRouterRequestBody(
  request: PreparedRequest<OpenRouterRunConfig>,
): OpenRouterChatBody {
  const messages: ChatCompletionMessageParam[] = [];
  if (request.systemPrompt !== undefined) {
    messages.push({ role: "system", content: request.systemPrompt });
  }
  for (const message of request.messages) {
    // Tool turns never get here: this adapter declares no tools capability, so core refuses them.
    if (message.role === "tool") continue;
    messages.push({ role: message.role, content: message.content });
  }
  const body: OpenRouterChatBody = { model: request.model, messages, usage: { include: true } };
  if (request.maxOutputTokens !== undefined) body.max_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  const { config } = request;
  if (config.topP !== undefined) body.top_p = config.topP;
  if (config.stop !== undefined) body.stop = config.stop;
  if (config.user !== undefined) body.user = config.user;
  if (config.provider !== undefined) body.provider = config.provider;
  if (config.models !== undefined) body.models = [...config.models];
  if (config.transforms !== undefined) body.transforms = [...config.transforms];
  if (config.reasoning !== undefined) body.reasoning = config.reasoning;
  return body;
}
