import { lazySchema, runConfigSchema } from "@llmc/core";
import type { z } from "zod";

/**
 * OpenRouter's provider routing object, sent as `provider` unchanged (its own snake_case
 * names, as in OpenRouter's docs). Strict, so a misspelt key fails instead of being ignored.
 */
export const openRouterProviderRoutingSchema = lazySchema((z) =>
  z.strictObject({
    /** Providers to try first, in order, e.g. `["anthropic", "amazon-bedrock"]`. */
    order: z.array(z.string().min(1)).min(1).optional(),
    /** Whether other providers may serve the request when those in `order` fail (default true). */
    allow_fallbacks: z.boolean().optional(),
    /** Only use providers that support every parameter of the request. */
    require_parameters: z.boolean().optional(),
    /** `deny` skips providers that may store or train on prompts. */
    data_collection: z.enum(["allow", "deny"]).optional(),
    /** Only zero-data-retention endpoints. */
    zdr: z.boolean().optional(),
    /** Only these providers. */
    only: z.array(z.string().min(1)).min(1).optional(),
    /** Never these providers. */
    ignore: z.array(z.string().min(1)).min(1).optional(),
    /** Only these quantizations, e.g. `["fp8", "bf16"]`. */
    quantizations: z.array(z.string().min(1)).min(1).optional(),
    /** Prefer the cheapest, fastest or quickest-to-answer provider. */
    sort: z.enum(["price", "throughput", "latency"]).optional(),
    /** Refuse providers priced above these rates (USD per million tokens; per request for `request`). */
    max_price: z
      .strictObject({
        prompt: z.number().nonnegative().optional(),
        completion: z.number().nonnegative().optional(),
        request: z.number().nonnegative().optional(),
        image: z.number().nonnegative().optional(),
      })
      .optional(),
  }),
);

export type OpenRouterProviderRouting = z.input<typeof openRouterProviderRoutingSchema>;

/**
 * Per-call options of {@link OpenRouterAdapter}: the core RunConfig plus OpenRouter's routing
 * fields. Strict: an unknown key is a config error.
 */
export const openRouterRunConfigSchema = lazySchema((z) =>
  runConfigSchema.extend({
    /** Provider routing preferences (`provider` in the body). */
    provider: openRouterProviderRoutingSchema.optional(),
    /**
     * Fallback models tried in order when `model` is unavailable (`models` in the body). With a
     * budget, the reservation covers the dearest of `model` and these; each needs a known price.
     */
    models: z.array(z.string().min(1)).min(1).optional(),
    /** Prompt transforms, e.g. `["middle-out"]`. */
    transforms: z.array(z.string().min(1)).optional(),
    /** Unified reasoning settings for models that think. */
    reasoning: z
      .strictObject({
        effort: z.enum(["minimal", "low", "medium", "high"]).optional(),
        max_tokens: z.number().int().positive().optional(),
        exclude: z.boolean().optional(),
        enabled: z.boolean().optional(),
      })
      .optional(),
    /** A stable id of your end user. */
    user: z.string().min(1).optional(),
    /** `stop` sequences. */
    stop: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    /** `top_p` nucleus sampling. */
    topP: z.number().min(0).max(1).optional(),
  }),
);

export type OpenRouterRunConfig = z.input<typeof openRouterRunConfigSchema>;
