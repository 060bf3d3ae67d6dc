import { paddedSequence } from "../ids.js";
import type { RequestContext } from "../protocol.js";
import type { ResolvedReply } from "../resolve-reply.js";
import type { BlockedPromptFault } from "../types.js";
import { toGeminiUsage } from "./gemini-usage.js";

export function geminiResponseId(context: RequestContext): string {
  return `sim${paddedSequence(context.sequence)}`;
}

export function geminiCandidate(
  text: string,
  finishReason: string | undefined,
): Record<string, unknown> {
  const candidate: Record<string, unknown> = {
    content: { parts: [{ text }], role: "model" },
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
    candidates: [geminiCandidate(reply.text, reply.finishReason)],
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
