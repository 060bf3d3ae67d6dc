import type { ChatCompletionsDialect } from "./chat-completions-dialect.js";
import type { WireObject } from "./wire-reader.js";

type Pairs = readonly (readonly [metadataKey: string, wireName: string])[];

/** A dialect's `metadata` fields as arrays, made once per adapter (they are read per call). */
export interface MetadataPlan {
  readonly body: Pairs;
  readonly choice: Pairs;
  readonly headers: Pairs;
}

/** OpenAI's: what the Chat Completions body and headers say about who answered. */
const DEFAULT_METADATA: NonNullable<ChatCompletionsDialect["metadata"]> = {
  body: { serviceTier: "service_tier", systemFingerprint: "system_fingerprint" },
  headers: { requestId: "x-request-id" },
};

export function metadataPlan(metadata: ChatCompletionsDialect["metadata"]): MetadataPlan {
  const fields = metadata ?? DEFAULT_METADATA;
  return {
    body: Object.entries(fields.body ?? {}),
    choice: Object.entries(fields.choice ?? {}),
    headers: Object.entries(fields.headers ?? {}),
  };
}

/**
 * Copies the non-empty string fields named in `pairs` from `source` into `into`, keeping a
 * value already there (in a stream the first chunk that carries a field wins: Azure's first
 * chunk has empty ids).
 */
export function copyMetadata(
  into: Record<string, unknown>,
  pairs: Pairs,
  source: WireObject | undefined,
): void {
  if (!source) return;
  for (const [key, wireName] of pairs) {
    if (into[key] !== undefined) continue;
    const value = source[wireName];
    if (typeof value === "string" && value !== "") into[key] = value;
  }
}

/** The same, from response headers. */
export function copyHeaderMetadata(
  into: Record<string, unknown>,
  pairs: Pairs,
  headers: Headers,
): void {
  for (const [key, header] of pairs) {
    const value = headers.get(header);
    if (value) into[key] = value;
  }
}
