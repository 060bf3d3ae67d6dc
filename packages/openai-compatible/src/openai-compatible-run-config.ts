import { lazySchema, runConfigSchema } from "@llmc/core/adapter";
import type { z } from "zod";

/**
 * Per-call options of {@link OpenAICompatibleAdapter}: core's RunConfig plus the fields every
 * Chat Completions server takes. Strict: an unknown key is a config error, never silently
 * dropped. Built on first use (see core's `lazySchema`), so importing the package loads no zod.
 * A dialect with more fields extends this schema (`configSchema`).
 */
export const openAICompatibleRunConfigSchema = lazySchema((z) =>
  runConfigSchema.extend({
    /** `top_p` nucleus sampling. */
    topP: z.number().min(0).max(1).optional(),
    /** `stop`: sequences that end the answer (OpenAI takes at most 4). */
    stop: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    /** `user`: a stable id of your end user, for the provider's abuse monitoring. */
    user: z.string().min(1).optional(),
  }),
);

export type OpenAICompatibleRunConfig = z.input<typeof openAICompatibleRunConfigSchema>;
