import type { GenerateContentResponse } from "@google/genai";

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
