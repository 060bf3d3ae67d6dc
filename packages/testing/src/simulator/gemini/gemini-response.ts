import { paddedSequence } from "../ids.js";
import type { RequestContext } from "../protocol.js";
import type { ResolvedReply } from "../resolve-reply.js";
import type { ResolvedToolCall } from "../resolve-tool-calls.js";
import type { BlockedPromptFault } from "../types.js";
import { toGeminiUsage } from "./gemini-usage.js";

export function geminiResponseId(context: RequestContext): string {
  return `sim${paddedSequence(context.sequence)}`;
}

/** A scripted call as a `functionCall` part (`id` only when scripted). */
export function geminiFunctionCallPart(call: ResolvedToolCall): Record<string, unknown> {
  const functionCall: Record<string, unknown> = {
    name: call.name,
    args: JSON.parse(call.arguments),
  };
  if (call.id !== undefined) functionCall.id = call.id;
  return call.thoughtSignature !== undefined
    ? { functionCall, thoughtSignature: call.thoughtSignature }
    : { functionCall };
}

export function geminiCandidate(
  text: string,
  finishReason: string | undefined,
  calls: readonly ResolvedToolCall[] = [],
): Record<string, unknown> {
  const parts: Record<string, unknown>[] = text !== "" || calls.length === 0 ? [{ text }] : [];
  for (const call of calls) parts.push(geminiFunctionCallPart(call));
  const candidate: Record<string, unknown> = {
    content: { parts, role: "model" },
  };
  if (finishReason !== undefined) candidate.finishReason = finishReason;
  candidate.index = 0;
  return candidate;
}

/** A `GenerateContentResponse` shaped like `gemini-generateContent.*.json`. */
export function geminiResponse(
  reply: ResolvedReply,
  context: RequestContext,
): Record<string, unknown> {
  return {
    candidates: [geminiCandidate(reply.text, reply.finishReason, reply.toolCalls)],
    usageMetadata: toGeminiUsage(reply.usage),
    modelVersion: reply.model,
    responseId: geminiResponseId(context),
  };
}

const BLOCKED_SAFETY_RATINGS = [
  { category: "HARM_CATEGORY_SEXUALLY_EXPLICIT", probability: "NEGLIGIBLE" },
  { category: "HARM_CATEGORY_HATE_SPEECH", probability: "NEGLIGIBLE" },
  { category: "HARM_CATEGORY_HARASSMENT", probability: "NEGLIGIBLE" },
  { category: "HARM_CATEGORY_DANGEROUS_CONTENT", probability: "HIGH", blocked: true },
];

/** A blocked prompt: HTTP 200, no `candidates`, `promptFeedback.blockReason`, prompt usage only. */
export function geminiBlockedPrompt(
  fault: BlockedPromptFault,
  context: RequestContext,
  promptTokens: number,
): Record<string, unknown> {
  const blockReason = fault.blockReason ?? "SAFETY";
  const promptFeedback: Record<string, unknown> = { blockReason };
  if (blockReason === "SAFETY") promptFeedback.safetyRatings = BLOCKED_SAFETY_RATINGS;
  return {
    promptFeedback,
    usageMetadata: {
      promptTokenCount: promptTokens,
      totalTokenCount: promptTokens,
      promptTokensDetails: [{ modality: "TEXT", tokenCount: promptTokens }],
    },
    modelVersion: context.request.model,
    responseId: geminiResponseId(context),
  };
}
