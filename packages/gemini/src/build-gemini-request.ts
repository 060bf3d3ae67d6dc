import type { Content, GenerateContentParameters, Part } from "@google/genai";
import { LLMConfigError, type ProviderRequest, type ToolCall } from "@llmc/core";
import { buildGeminiTools } from "./build-gemini-tools.js";
import type { GeminiRunConfig } from "./gemini-run-config.js";
import { functionCallParts, functionResponsePart } from "./gemini-tool-parts.js";

/**
 * A call in Gemini's terms:
 * - `systemPrompt` and every `system` message, in that order, become one `systemInstruction`
 *   (Gemini has no system role inside `contents`);
 * - `user` stays `user`, `assistant` becomes `model`; consecutive turns of one role are merged
 *   into one content with several parts, since Gemini expects the roles to alternate;
 * - an assistant turn's `toolCalls` become `functionCall` parts after its text; a `tool` result
 *   becomes a `functionResponse` part of a `user` turn (parallel results merge into one turn);
 * - tools, tool choice and the response schema as `buildGeminiTools` says;
 * - `maxOutputTokens`, `temperature` and `thinkingBudget` go to `generationConfig`
 *   (thinking as `thinkingConfig{thinkingBudget, includeThoughts:false}`);
 * - the SDK's automatic continuation (on by default in 2.x) is off: when Google returns a
 *   `continuationToken` it would send further requests, re-open dropped stream hops from the
 *   token and sum their usage, all behind core's back; core owns retries and the budget.
 */
export function buildGeminiRequest(
  request: Omit<ProviderRequest<GeminiRunConfig>, "attempt" | "reservedUsd" | "markBilled">,
): GenerateContentParameters {
  const systemTexts: string[] = request.systemPrompt ? [request.systemPrompt] : [];
  const contents: Content[] = [];
  const calls = new Map<string, ToolCall>();
  for (const message of request.messages) {
    if (message.role === "system") {
      systemTexts.push(message.content);
      continue;
    }
    const role = message.role === "assistant" ? "model" : "user";
    const parts: Part[] = [];
    if (message.role === "tool") parts.push(functionResponsePart(message, calls));
    else if (message.content !== "" || message.role !== "assistant" || !message.toolCalls?.length)
      parts.push({ text: message.content });
    if (message.role === "assistant" && message.toolCalls) {
      for (const call of message.toolCalls) calls.set(call.id, call);
      parts.push(...functionCallParts(message.toolCalls));
    }
    const last = contents.at(-1);
    if (last?.role === role) last.parts?.push(...parts);
    else contents.push({ role, parts });
  }
  if (contents.length === 0) {
    throw new LLMConfigError(
      "A Gemini prompt needs at least one user or assistant message; system messages alone " +
        "become the system instruction.",
      { provider: "gemini", field: "prompt" },
    );
  }
  const { thinkingBudget } = request.config;
  return {
    model: request.model,
    contents,
    config: {
      ...(systemTexts.length > 0
        ? { systemInstruction: { parts: [{ text: systemTexts.join("\n\n") }] } }
        : {}),
      ...(request.maxOutputTokens !== undefined
        ? { maxOutputTokens: request.maxOutputTokens }
        : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(thinkingBudget !== undefined
        ? { thinkingConfig: { thinkingBudget, includeThoughts: false } }
        : {}),
      ...buildGeminiTools(request),
      automaticContinuation: false,
      // Left off when nothing can cancel the call: the SDK makes a controller per request for
      // it and fetch listens on it, a few percent of a fast call.
      ...(request.cancellable === false ? {} : { abortSignal: request.signal }),
    },
  };
}
