import { lazySchema, runConfigSchema } from "@llmc/core";
import type { z } from "zod";

/**
 * `RunConfig` plus Gemini's own per-call options. Unknown keys are still rejected. Built on
 * first use (see core's `lazySchema`), so importing the adapter loads no zod.
 */
export const geminiRunConfigSchema = lazySchema((z) =>
  runConfigSchema.extend({
    /**
     * Thinking tokens the model may spend (`generationConfig.thinkingConfig.thinkingBudget`):
     * 0 turns thinking off where the model allows it, -1 lets the model decide. Unset sends no
     * thinking config at all (the model's default). Thoughts are never returned as text.
     */
    thinkingBudget: z.number().int().min(-1).optional(),
  }),
);

export type GeminiRunConfig = z.input<typeof geminiRunConfigSchema>;
