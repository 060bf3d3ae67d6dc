import type { FinishReason, FinishReasonKind, ProviderRequest, Usage } from "@llmc/core/adapter";

/**
 * Acme speaks the Chat Completions JSON shape (as many hosted and local model servers do), so
 * this file is the whole wire format: the request body, and usage and finish reasons read back.
 */
export function acmeRequestBody(request: ProviderRequest, stream: boolean): string {
  const messages = [
    ...(request.systemPrompt ? [{ role: "system", content: request.systemPrompt }] : []),
    ...request.messages.map((message) => ({ role: message.role, content: message.content })),
  ];
  return JSON.stringify({
    model: request.model,
    messages,
    ...(request.maxOutputTokens !== undefined ? { max_tokens: request.maxOutputTokens } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  });
}

interface WireUsage {
  readonly prompt_tokens?: number;
  readonly completion_tokens?: number;
  readonly prompt_tokens_details?: { readonly cached_tokens?: number } | null;
  readonly completion_tokens_details?: { readonly reasoning_tokens?: number } | null;
}

/** Wire usage → core `Usage` (cached inside input, reasoning inside output, as core counts). */
export function readAcmeUsage(usage: WireUsage | null | undefined): Usage | undefined {
  if (!usage || typeof usage.prompt_tokens !== "number") return undefined;
  const inputTokens = usage.prompt_tokens;
  const outputTokens = usage.completion_tokens ?? 0;
  const cached = usage.prompt_tokens_details?.cached_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    ...(cached ? { cachedInputTokens: cached } : {}),
    ...(reasoning ? { reasoningTokens: reasoning } : {}),
  };
}

const KINDS: Readonly<Record<string, FinishReasonKind>> = {
  stop: "stop",
  length: "length",
  content_filter: "content-filter",
  tool_calls: "tool-calls",
};

export function readAcmeFinishReason(raw: string | null | undefined): FinishReason {
  if (!raw) return { kind: "unknown", raw: undefined };
  return { kind: KINDS[raw] ?? "other", raw };
}
