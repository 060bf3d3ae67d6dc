import { lazySchema } from "@llmc/core";
import type { z } from "zod";

/**
 * The `error` object of an OpenAI error body, `{"error":{"message","type","param","code"}}`.
 * The SDK hands it over as `APIError.error`; `code` is a string (`invalid_api_key`,
 * `context_length_exceeded`, `insufficient_quota`, …) or null.
 */
export const openAIErrorSchema = lazySchema((z) =>
  z.object({
    message: z.string().nullish(),
    type: z.string().nullish(),
    param: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
  }),
);

export type OpenAIErrorBody = z.infer<typeof openAIErrorSchema>;

export function readOpenAIErrorBody(value: unknown): OpenAIErrorBody | undefined {
  const parsed = openAIErrorSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
