import { OpenAIWireReader } from "./openai-wire-reader.js";

/**
 * The parts of the Chat Completions wire format this adapter reads, and tolerant readers for
 * them: unknown fields are ignored and optional ones may be missing or null, so a field OpenAI
 * (or a compatible server) adds or drops never breaks a caller. A field present with the wrong
 * type makes the value unreadable (`LLMInvalidResponseError`).
 *
 * Hand-written rather than zod: they run on every response and every stream chunk, and inside
 * the request loop a zod parse of this shape measured 5–25 µs per call (p50–p90), most of the
 * adapter's whole overhead budget (bench/openai-adapter-overhead.bench.mjs).
 */

/** OpenAI `usage`: `prompt_tokens` includes cached tokens, `completion_tokens` reasoning. */
export interface OpenAIUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens?: number | undefined;
  readonly prompt_tokens_details?:
    | {
        readonly cached_tokens?: number | undefined;
        readonly cache_write_tokens?: number | undefined;
      }
    | undefined;
  readonly completion_tokens_details?:
    | { readonly reasoning_tokens?: number | undefined }
    | undefined;
}

/** What a non-streamed answer carries for the adapter (its first choice). */
export interface OpenAIChatResponse {
  readonly id: string | undefined;
  readonly model: string | undefined;
  readonly content: string | undefined;
  readonly refusal: string | undefined;
  readonly finishReason: string | undefined;
  readonly usage: OpenAIUsage | undefined;
  readonly serviceTier: string | undefined;
  readonly systemFingerprint: string | undefined;
}

/** What one stream chunk carries. Azure's first chunk and the usage chunk have no choices. */
export interface OpenAIChatChunk {
  readonly id: string | undefined;
  readonly model: string | undefined;
  readonly text: string | undefined;
  readonly finishReason: string | undefined;
  readonly usage: OpenAIUsage | undefined;
  readonly serviceTier: string | undefined;
  readonly systemFingerprint: string | undefined;
}

export type WireRead<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string };

export function readOpenAIChatResponse(json: unknown): WireRead<OpenAIChatResponse> {
  const reader = new OpenAIWireReader();
  const body = reader.require(reader.record(json, "body"), "body");
  const choices = reader.require(reader.array(body?.choices, "choices"), "choices");
  const choice = reader.require(reader.record(choices?.[0], "choices[0]"), "choices[0]");
  const message = reader.require(reader.record(choice?.message, "message"), "choices[0].message");
  const value: OpenAIChatResponse = {
    id: reader.string(body?.id, "id"),
    model: reader.string(body?.model, "model"),
    content: reader.string(message?.content, "message.content"),
    refusal: reader.string(message?.refusal, "message.refusal"),
    finishReason: reader.string(choice?.finish_reason, "finish_reason"),
    usage: readUsage(reader, body?.usage),
    serviceTier: reader.string(body?.service_tier, "service_tier"),
    systemFingerprint: reader.string(body?.system_fingerprint, "system_fingerprint"),
  };
  return reader.problem ? { ok: false, problem: reader.problem } : { ok: true, value };
}

export function readOpenAIChatChunk(json: unknown): WireRead<OpenAIChatChunk> {
  const reader = new OpenAIWireReader();
  const chunk = reader.require(reader.record(json, "chunk"), "chunk");
  const choices = reader.array(chunk?.choices, "choices");
  const choice = reader.record(choices?.[0], "choices[0]");
  const delta = reader.record(choice?.delta, "delta");
  const value: OpenAIChatChunk = {
    id: reader.string(chunk?.id, "id"),
    model: reader.string(chunk?.model, "model"),
    text: reader.string(delta?.content, "delta.content"),
    finishReason: reader.string(choice?.finish_reason, "finish_reason"),
    usage: readUsage(reader, chunk?.usage),
    serviceTier: reader.string(chunk?.service_tier, "service_tier"),
    systemFingerprint: reader.string(chunk?.system_fingerprint, "system_fingerprint"),
  };
  return reader.problem ? { ok: false, problem: reader.problem } : { ok: true, value };
}

/** Usage is what the call is charged from: when present, both totals must be counts. */
function readUsage(reader: OpenAIWireReader, value: unknown): OpenAIUsage | undefined {
  const usage = reader.record(value, "usage");
  if (!usage) return undefined;
  const prompt = reader.require(
    reader.count(usage.prompt_tokens, "usage.prompt_tokens"),
    "usage.prompt_tokens",
  );
  const completion = reader.require(
    reader.count(usage.completion_tokens, "usage.completion_tokens"),
    "usage.completion_tokens",
  );
  if (prompt === undefined || completion === undefined) return undefined;
  const promptDetails = reader.record(usage.prompt_tokens_details, "usage.prompt_tokens_details");
  const completionDetails = reader.record(
    usage.completion_tokens_details,
    "usage.completion_tokens_details",
  );
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: reader.count(usage.total_tokens, "usage.total_tokens"),
    prompt_tokens_details: promptDetails && {
      cached_tokens: reader.count(promptDetails.cached_tokens, "usage.cached_tokens"),
      cache_write_tokens: reader.count(
        promptDetails.cache_write_tokens,
        "usage.cache_write_tokens",
      ),
    },
    completion_tokens_details: completionDetails && {
      reasoning_tokens: reader.count(completionDetails.reasoning_tokens, "usage.reasoning_tokens"),
    },
  };
}
