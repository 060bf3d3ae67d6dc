import type { WireObject } from "./wire-reader.js";

/**
 * The `error` object of a Chat Completions error body, `{"error":{"message","type","param",
 * "code"}}`. OpenAI's `code` is a string (`invalid_api_key`, `context_length_exceeded`, …);
 * OpenRouter's is the HTTP status as a number and it adds `metadata` (the upstream's name and
 * raw message, moderation reasons). The same object arrives inside a 200 stream chunk or body
 * when the failure came after generation began. The SDK hands it over as `APIError.error`.
 */
export interface ChatCompletionsErrorBody {
  readonly message: string | undefined;
  readonly type: string | undefined;
  readonly param: string | undefined;
  readonly code: string | number | undefined;
  /** Vendor details, read by a dialect's `describeError` / `refineError`. */
  readonly metadata: WireObject | undefined;
}

/** Tolerant: a field of an unexpected type is left out, never fails the mapping of an error. */
export function readChatCompletionsErrorBody(value: unknown): ChatCompletionsErrorBody | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const body = value as WireObject;
  const code = body.code;
  const metadata = body.metadata;
  return {
    message: stringOrUndefined(body.message),
    type: stringOrUndefined(body.type),
    param: stringOrUndefined(body.param),
    code: typeof code === "string" || typeof code === "number" ? code : undefined,
    metadata:
      typeof metadata === "object" && metadata !== null && !Array.isArray(metadata)
        ? (metadata as WireObject)
        : undefined,
  };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
