import { isRecord, optionalCount, textBytes } from "../prompt-text.js";
import type { ParsedRequest, ProviderRoute } from "../protocol.js";
import { geminiToolsProblem } from "./gemini-tools-check.js";

/**
 * Reads a `generateContent` body: `contents` (+ `systemInstruction`) for the prompt,
 * `generationConfig.maxOutputTokens` for the cap. The model and the streaming flag come from
 * the path (`:streamGenerateContent`), not the body.
 */
export function parseGeminiRequest(body: unknown, route: ProviderRoute): ParsedRequest {
  const record = isRecord(body) ? body : {};
  const generationConfig = isRecord(record.generationConfig) ? record.generationConfig : {};
  const parsed = {
    model: route.gemini?.model ?? "",
    stream: route.gemini?.action === "streamGenerateContent",
    includeUsage: true,
    maxOutputTokens: optionalCount(generationConfig.maxOutputTokens),
    promptBytes: textBytes(record.contents) + textBytes(record.systemInstruction),
  };
  if (record.contents === undefined) {
    return {
      ...parsed,
      invalid: { message: "* GenerateContentRequest.contents: contents is not specified\n" },
    };
  }
  const invalid = geminiToolsProblem(record);
  return invalid ? { ...parsed, invalid } : parsed;
}
