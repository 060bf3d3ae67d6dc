import { lazySchema } from "@llmc/core";
import type { z } from "zod";
import { parseGeminiRetryDelay } from "./parse-gemini-retry-delay.js";

/**
 * Gemini's error body, `{"error":{"code","message","status","details":[…]}}`. Only the fields
 * used, all optional: a body Google extends, or a proxy's HTML page, must still map.
 */
const geminiErrorBodySchema = lazySchema((z) =>
  z.looseObject({
    error: z.looseObject({
      code: z.number().nullish(),
      message: z.string().nullish(),
      status: z.string().nullish(),
      details: z.array(z.unknown()).nullish(),
    }),
  }),
);

/** One `details[]` entry: `google.rpc.ErrorInfo` has `reason`, `google.rpc.RetryInfo` `retryDelay`. */
const geminiErrorDetailSchema = lazySchema((z) =>
  z.looseObject({
    "@type": z.string().nullish(),
    reason: z.string().nullish(),
    retryDelay: z.string().nullish(),
  }),
);

export interface GeminiErrorInfo {
  /** The body's `code` (the HTTP status it was sent with). */
  readonly code: number | undefined;
  /** The canonical status: `INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED`, `UNAVAILABLE`, … */
  readonly status: string | undefined;
  /** Google's message, or the raw text when the body was not Gemini's JSON. */
  readonly message: string;
  /** `google.rpc.ErrorInfo` reasons, e.g. `API_KEY_INVALID`. */
  readonly reasons: readonly string[];
  /** `google.rpc.RetryInfo.retryDelay` in milliseconds. */
  readonly retryDelayMs: number | undefined;
}

/**
 * Reads the SDK's `ApiError.message`. The SDK has one error class and puts the whole body in its
 * message: `JSON.stringify(body)` for an HTTP error (a non-JSON body is first wrapped as
 * `{"error":{"message":<text>,"code","status":<statusText>}}`), and
 * `got status: <STATUS>. <json>` for an error event inside a stream.
 *
 * Google answers an error on `:streamGenerateContent?alt=sse` with its usual JSON body but
 * `content-type: text/event-stream`, so the SDK takes the body for text and wraps it: Google's
 * whole JSON body is then the wrapper's `message` (and its `status` is the HTTP status text).
 * Such a wrapper is unwrapped, so a streamed error reads exactly as the same error unstreamed.
 */
export function parseGeminiErrorMessage(message: string): GeminiErrorInfo {
  let body = parseBody(message);
  // One level is what the SDK does today; a second guards against a wrapper of a wrapper.
  for (let depth = 0; depth < 2 && body?.error.message; depth++) {
    const inner = parseBody(body.error.message);
    if (!inner) break;
    body = inner;
  }
  if (!body) {
    return { code: undefined, status: undefined, message, reasons: [], retryDelayMs: undefined };
  }
  const reasons: string[] = [];
  let retryDelayMs: number | undefined;
  for (const entry of body.error.details ?? []) {
    const detail = geminiErrorDetailSchema.safeParse(entry);
    if (!detail.success) continue;
    if (detail.data.reason) reasons.push(detail.data.reason);
    retryDelayMs ??= parseGeminiRetryDelay(detail.data.retryDelay);
  }
  return {
    code: body.error.code ?? undefined,
    status: body.error.status ?? undefined,
    message: body.error.message?.trim() || message,
    reasons,
    retryDelayMs,
  };
}

function parseBody(message: string): z.infer<typeof geminiErrorBodySchema> | undefined {
  const start = message.indexOf("{");
  if (start === -1) return undefined;
  try {
    const parsed = geminiErrorBodySchema.safeParse(JSON.parse(message.slice(start)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
