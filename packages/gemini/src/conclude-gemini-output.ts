import type { GenerateContentResponse, GenerateContentResponsePromptFeedback } from "@google/genai";
import {
  LLMContentFilterError,
  LLMInvalidResponseError,
  type ProviderResponse,
  type ProviderToolCall,
  type Usage,
} from "@llmc/core";
import { convertGeminiUsage } from "./convert-gemini-usage.js";
import {
  geminiProviderMetadata,
  geminiResponseText,
  geminiToolCalls,
} from "./gemini-response-parts.js";
import { mapGeminiFinishReason } from "./map-gemini-finish-reason.js";

export interface GeminiOutput {
  /** Visible text, all of it (streams: every delta joined). */
  readonly text: string;
  /** Every function call, in order (streams: from every chunk). */
  readonly toolCalls: readonly ProviderToolCall[];
  /** The response, or a stream's last chunk: it holds the authoritative usage. */
  readonly last: GenerateContentResponse | undefined;
  /** Whether any candidate arrived; a blocked prompt has none. */
  readonly hasCandidate: boolean;
  readonly finishReason: string | undefined;
  /** Sent once (streams: in the first chunk) when the prompt was blocked. */
  readonly promptFeedback: GenerateContentResponsePromptFeedback | undefined;
  readonly requestedModel: string;
}

/**
 * Turns a finished Gemini answer into core's response, or the error it really is:
 * - a blocked prompt (no candidates, `promptFeedback.blockReason`) → `LLMContentFilterError`;
 * - a safety-type finish (SAFETY, RECITATION, …) with no text → `LLMContentFilterError`;
 * - a safety-type finish *after* some text → a result with finish reason `content-filter`, so
 *   the caller keeps (and has paid for) the partial answer and can decide;
 * - `MALFORMED_FUNCTION_CALL` / `UNEXPECTED_TOOL_CALL` with no text and no call →
 *   `LLMInvalidResponseError` (Google dropped the broken call; there is no answer to return).
 * Errors carry the reported usage, so the budget is charged what Google bills.
 */
export function concludeGeminiOutput(output: GeminiOutput): ProviderResponse {
  const usage = convertGeminiUsage(output.last?.usageMetadata);
  if (!output.hasCandidate) {
    const blockReason = output.promptFeedback?.blockReason;
    if (blockReason) {
      const detail = output.promptFeedback?.blockReasonMessage;
      throw new LLMContentFilterError(
        `Gemini blocked the prompt (${blockReason})${detail ? `: ${detail}` : ""}`,
        { provider: "gemini", reason: blockReason, usage },
      );
    }
    throw new LLMInvalidResponseError("Gemini answered with no candidates and no block reason", {
      provider: "gemini",
      usage,
    });
  }
  const finishReason = mapGeminiFinishReason(output.finishReason);
  if (
    finishReason.kind === "content-filter" &&
    output.text === "" &&
    output.toolCalls.length === 0
  ) {
    throw new LLMContentFilterError(
      `Gemini stopped the answer before any text (${output.finishReason})`,
      { provider: "gemini", reason: output.finishReason, usage },
    );
  }
  if (
    (output.finishReason === "MALFORMED_FUNCTION_CALL" ||
      output.finishReason === "UNEXPECTED_TOOL_CALL") &&
    output.text === "" &&
    output.toolCalls.length === 0
  ) {
    // The model tried to call a tool and Google discarded the broken call: nothing usable came.
    const detail = output.last?.candidates?.[0]?.finishMessage;
    throw new LLMInvalidResponseError(
      `Gemini discarded the model's function call (${output.finishReason})${detail ? `: ${detail}` : ""}`,
      { provider: "gemini", usage },
    );
  }
  return {
    text: output.text,
    ...(output.toolCalls.length > 0 ? { toolCalls: output.toolCalls } : {}),
    model: output.last?.modelVersion ?? output.requestedModel,
    finishReason,
    // Gemini always reports usage; if a response ever lacks it, core charges the whole
    // reservation for the call (AttemptBudget.settleSuccess), never zero.
    usage: usage as Usage,
    providerMetadata: geminiProviderMetadata(output.last),
  };
}

/** A non-streamed `generateContent` response. */
export function readGeminiResponse(
  response: GenerateContentResponse,
  requestedModel: string,
): ProviderResponse {
  const candidate = response.candidates?.[0];
  return concludeGeminiOutput({
    text: geminiResponseText(response),
    toolCalls: geminiToolCalls(response),
    last: response,
    hasCandidate: candidate !== undefined,
    finishReason: candidate?.finishReason,
    promptFeedback: response.promptFeedback,
    requestedModel,
  });
}
