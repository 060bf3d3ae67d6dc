import { lazySchema } from "@llmc/core";
import type { z } from "zod";
import { openRouterErrorSchema } from "./openrouter-error.js";

/**
 * The parts of OpenRouter's (OpenAI-shaped) wire format this adapter reads. Minimal and
 * tolerant: unknown fields are ignored, optional ones may be missing or null.
 */
export const openRouterUsageSchema = lazySchema((z) =>
  z.object({
    /** Every prompt token, cached and cache-written ones included. */
    prompt_tokens: z.number(),
    /** Every generated token, reasoning included. */
    completion_tokens: z.number(),
    total_tokens: z.number().nullish(),
    prompt_tokens_details: z
      .object({
        cached_tokens: z.number().nullish(),
        cache_write_tokens: z.number().nullish(),
      })
      .nullish(),
    completion_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).nullish(),
    /** What OpenRouter charged for the call, USD. */
    cost: z.number().nullish(),
    /** Bring-your-own-key: `cost` is then only OpenRouter's fee; the upstream bills your key. */
    is_byok: z.boolean().nullish(),
    cost_details: z.object({ upstream_inference_cost: z.number().nullish() }).nullish(),
  }),
);

export type OpenRouterUsage = z.infer<typeof openRouterUsageSchema>;

export const openRouterChatResponseSchema = lazySchema((z) =>
  z.object({
    id: z.string().nullish(),
    model: z.string().nullish(),
    /** The upstream that served the call, e.g. `"Anthropic"`. */
    provider: z.string().nullish(),
    choices: z
      .array(
        z.object({
          message: z.object({ content: z.string().nullish() }).nullish(),
          finish_reason: z.string().nullish(),
          /** The upstream's own value, e.g. `end_turn`, `STOP`. */
          native_finish_reason: z.string().nullish(),
        }),
      )
      .nullish(),
    usage: openRouterUsageSchema.nullish(),
    /** A failure reported in a 200 body (or, in a stream, in a chunk) after generation began. */
    error: openRouterErrorSchema.nullish(),
  }),
);

export type OpenRouterChatResponse = z.infer<typeof openRouterChatResponseSchema>;

export const openRouterChatChunkSchema = lazySchema((z) =>
  z.object({
    id: z.string().nullish(),
    model: z.string().nullish(),
    provider: z.string().nullish(),
    choices: z
      .array(
        z.object({
          delta: z.object({ content: z.string().nullish() }).nullish(),
          finish_reason: z.string().nullish(),
          native_finish_reason: z.string().nullish(),
        }),
      )
      .nullish(),
    usage: openRouterUsageSchema.nullish(),
    error: openRouterErrorSchema.nullish(),
  }),
);
