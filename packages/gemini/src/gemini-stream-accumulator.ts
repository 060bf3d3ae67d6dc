import type { GenerateContentResponse, GenerateContentResponsePromptFeedback } from "@google/genai";
import {
  LLMInvalidResponseError,
  type ProviderStreamFinish,
  type ProviderToolCall,
  type Usage,
} from "@llmc/core";
import { concludeGeminiOutput } from "./conclude-gemini-output.js";
import { convertGeminiUsage } from "./convert-gemini-usage.js";
import { geminiResponseText, geminiToolCalls } from "./gemini-response-parts.js";

/**
 * Follows a `streamGenerateContent` stream. Every chunk carries a `usageMetadata` *snapshot*
 * (early ones may lack `candidatesTokenCount`; `promptTokenCount` can even change between
 * chunks), so usage is never summed: the last chunk's is the call's usage.
 */
export class GeminiStreamAccumulator {
  readonly #requestedModel: string;
  #text = "";
  readonly #toolCalls: ProviderToolCall[] = [];
  #last: GenerateContentResponse | undefined;
  #latestUsage: GenerateContentResponse["usageMetadata"];
  #hasCandidate = false;
  #finishReason: string | undefined;
  #promptFeedback: GenerateContentResponsePromptFeedback | undefined;

  constructor(requestedModel: string) {
    this.#requestedModel = requestedModel;
  }

  /**
   * Records one chunk and returns its visible text (possibly empty) and the function calls it
   * completed (Gemini streams each call whole, in one part).
   */
  observe(chunk: GenerateContentResponse): { text: string; toolCalls: ProviderToolCall[] } {
    this.#last = chunk;
    if (chunk.usageMetadata) this.#latestUsage = chunk.usageMetadata;
    if (chunk.promptFeedback) this.#promptFeedback = chunk.promptFeedback;
    const candidate = chunk.candidates?.[0];
    if (candidate) {
      this.#hasCandidate = true;
      if (candidate.finishReason) this.#finishReason = candidate.finishReason;
    }
    const delta = geminiResponseText(chunk);
    this.#text += delta;
    const toolCalls = geminiToolCalls(chunk, this.#toolCalls.length);
    this.#toolCalls.push(...toolCalls);
    return { text: delta, toolCalls };
  }

  /**
   * The latest usage snapshot, for an error event that ends the stream: Google stopped
   * generating there, so it is the best count of what was billed.
   */
  get usageSoFar(): Usage | undefined {
    return convertGeminiUsage(this.#latestUsage);
  }

  /** The finish part, once the stream has closed. */
  finish(): ProviderStreamFinish {
    if (!this.#last) {
      throw new LLMInvalidResponseError("The Gemini stream closed without sending anything", {
        provider: "gemini",
      });
    }
    if (this.#hasCandidate && this.#finishReason === undefined) {
      // The real API always ends with a finishReason; a stream without one was cut short, and
      // its last snapshot under-counts, so no usage is claimed (core charges the reservation).
      throw new LLMInvalidResponseError("The Gemini stream closed before its finish reason", {
        provider: "gemini",
      });
    }
    const response = concludeGeminiOutput({
      text: this.#text,
      toolCalls: this.#toolCalls,
      last: this.#last,
      hasCandidate: this.#hasCandidate,
      finishReason: this.#finishReason,
      promptFeedback: this.#promptFeedback,
      requestedModel: this.#requestedModel,
    });
    // Text and calls were streamed as parts; core assembles them.
    const { text: _text, toolCalls: _calls, ...finish } = response;
    return { type: "finish", ...finish };
  }
}
