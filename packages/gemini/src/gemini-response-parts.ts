import type { GenerateContentResponse } from "@google/genai";
import type { ProviderToolCall } from "@llmc/core";

/** The visible text of a response's first candidate: every text part that is not a thought. */
export function geminiResponseText(response: GenerateContentResponse): string {
  const parts = response.candidates?.[0]?.content?.parts;
  if (!parts) return "";
  let text = "";
  for (const part of parts) {
    // Thought summaries arrive only with includeThoughts, which is never sent; skip them anyway.
    if (part.thought !== true && typeof part.text === "string") text += part.text;
  }
  return text;
}

/** Response id, model version and Google's raw usage, kept for callers who need them. */
export function geminiProviderMetadata(
  response: GenerateContentResponse | undefined,
): Record<string, unknown> {
  if (!response) return {};
  const metadata: Record<string, unknown> = {};
  if (response.responseId) metadata.responseId = response.responseId;
  if (response.modelVersion) metadata.modelVersion = response.modelVersion;
  if (response.usageMetadata) metadata.usageMetadata = response.usageMetadata;
  if (response.promptFeedback) metadata.promptFeedback = response.promptFeedback;
  const finishMessage = response.candidates?.[0]?.finishMessage;
  if (finishMessage) metadata.finishMessage = finishMessage;
  return metadata;
}

/**
 * The `functionCall` parts of a response's first candidate, as core's raw tool calls. Gemini
 * often sends no call id: one is made from the response id and the call's position (`first`
 * offsets it for a stream's later chunks); Google's own id, when present, is kept in
 * `providerMetadata.gemini.callId` to send back, with any `thoughtSignature`.
 */
export function geminiToolCalls(response: GenerateContentResponse, first = 0): ProviderToolCall[] {
  const parts = response.candidates?.[0]?.content?.parts;
  if (!parts) return [];
  const calls: ProviderToolCall[] = [];
  for (const part of parts) {
    const call = part.functionCall;
    if (!call) continue;
    const index = first + calls.length;
    const gemini: Record<string, string> = {};
    if (call.id) gemini.callId = call.id;
    if (part.thoughtSignature) gemini.thoughtSignature = part.thoughtSignature;
    calls.push({
      id: call.id || `${response.responseId ?? "gemini"}-call-${index}`,
      name: call.name ?? "",
      arguments: call.args ?? {},
      ...(Object.keys(gemini).length > 0 ? { providerMetadata: { gemini } } : {}),
    });
  }
  return calls;
}
