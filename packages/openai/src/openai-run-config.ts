import { lazySchema, runConfigSchema } from "@llmc/core";
import type { z } from "zod";

/**
 * Per-call options of {@link OpenAIAdapter}: the core RunConfig plus the Chat Completions
 * fields below. Still strict: an unknown key is a config error, never silently dropped.
 * Built on first use (see core's `lazySchema`), so importing the adapter loads no zod.
 */
export const openAIRunConfigSchema = lazySchema((z) =>
  runConfigSchema.extend({
    /** `reasoning_effort` for reasoning models (o-series, gpt-5); other models reject it. */
    reasoningEffort: z
      .enum(["none", "minimal", "low", "medium", "high", "xhigh", "max"])
      .optional(),
    /** `user`: an end-user id for abuse monitoring (OpenAI now prefers `safetyIdentifier`). */
    user: z.string().min(1).optional(),
    /** `safety_identifier`: a stable, hashed id of your end user. */
    safetyIdentifier: z.string().min(1).optional(),
    /** `prompt_cache_key`: groups requests that share a long prefix, for better cache hits. */
    promptCacheKey: z.string().min(1).optional(),
    /** `stop`: up to 4 sequences that end the answer. */
    stop: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(4)]).optional(),
    /** `top_p` nucleus sampling. */
    topP: z.number().min(0).max(1).optional(),
  }),
);

export type OpenAIRunConfig = z.input<typeof openAIRunConfigSchema>;
