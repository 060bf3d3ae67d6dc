import type { RequestContext, StreamScript } from "../protocol.js";
import type { ResolvedReply } from "../resolve-reply.js";
import { SSE_HEADERS, sseDataCrlf } from "../sse.js";
import { estimateTokens } from "../token-estimate.js";
import { geminiCandidate, geminiResponseId } from "./gemini-response.js";
import { toGeminiUsage } from "./gemini-usage.js";

/**
 * `:streamGenerateContent?alt=sse`, like `gemini-streamGenerateContent.raw.sse`: one
 * `data:` event per delta separated by `\r\n\r\n`, no `[DONE]`. Every chunk carries a
 * `usageMetadata` snapshot (running candidate count, never above the final one); the last
 * chunk holds `finishReason` and the authoritative usage.
 *
 * Without `alt=sse` the real API streams one JSON array instead; that is served too.
 */
export function geminiStream(reply: ResolvedReply, context: RequestContext): StreamScript {
  const final = toGeminiUsage(reply.usage);
  const finalCandidates = final.candidatesTokenCount as number;
  // One event per text delta, then one per function call (Gemini streams each call whole).
  const events: { text: string; calls: ResolvedReply["toolCalls"] }[] = reply.chunks.map(
    (text) => ({ text, calls: [] }),
  );
  for (const call of reply.toolCalls) events.push({ text: "", calls: [call] });
  if (events.length === 0) events.push({ text: "", calls: [] });
  const responseId = geminiResponseId(context);
  let sentText = "";
  const payloads = events.map(({ text, calls }, index) => {
    const last = index === events.length - 1;
    sentText += text;
    const usageMetadata = last
      ? final
      : toGeminiUsage(reply.usage, Math.min(estimateTokens(sentText), finalCandidates));
    return {
      candidates: [geminiCandidate(text, last ? reply.finishReason : undefined, calls)],
      usageMetadata,
      modelVersion: reply.model,
      responseId,
    };
  });
  return geminiFrames(payloads, context);
}

/**
 * Frames response payloads as the API streams them: SSE with `\r\n\r\n` for `alt=sse`,
 * else one JSON array written element by element.
 */
export function geminiFrames(payloads: readonly unknown[], context: RequestContext): StreamScript {
  if (context.query.alt !== "sse") {
    return {
      headers: { "content-type": "application/json; charset=UTF-8" },
      prefix: ["["],
      deltas: payloads.map(
        (payload, index) => `${index > 0 ? ",\r\n" : ""}${JSON.stringify(payload)}`,
      ),
      suffix: ["]"],
    };
  }
  return { headers: SSE_HEADERS, prefix: [], deltas: payloads.map(sseDataCrlf), suffix: [""] };
}
