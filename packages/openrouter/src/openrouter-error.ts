import { lazySchema } from "@llmc/core";
import type { z } from "zod";

/**
 * OpenRouter's error object: `{"error":{"code":<HTTP status as a number>,"message","metadata"?}}`.
 * `metadata` carries the upstream's details (`provider_name`, `raw`) or, on a moderation 403,
 * `reasons` and `flagged_input`.
 */
export const openRouterErrorSchema = lazySchema((z) =>
  z.object({
    code: z.union([z.number(), z.string()]).nullish(),
    message: z.string().nullish(),
    metadata: z
      .object({
        provider_name: z.string().nullish(),
        raw: z.unknown().optional(),
        reasons: z.array(z.string()).nullish(),
        flagged_input: z.string().nullish(),
      })
      .nullish(),
  }),
);

export type OpenRouterErrorBody = z.infer<typeof openRouterErrorSchema>;

export function readOpenRouterErrorBody(value: unknown): OpenRouterErrorBody | undefined {
  const parsed = openRouterErrorSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
