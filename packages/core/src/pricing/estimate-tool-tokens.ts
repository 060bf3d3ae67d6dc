import type { PreparedRequest } from "../adapter/provider-call.js";

/** Room for each tool's framing in the provider's rendering (name line, wrapper, separators). */
export const TOKENS_PER_TOOL_OVERHEAD = 32;
/** Room for the tools section's and the response format's own preamble. */
export const TOKENS_PER_SCHEMA_BLOCK_OVERHEAD = 64;

/**
 * What a call's tools and response schema add to its input, as an upper bound in the same
 * sense as `estimateInputTokens`: every byte of their JSON Schema text (as sent, after the
 * adapter's `toWireSchema`), names and descriptions counts as a token, plus framing room.
 * Providers render tools into the prompt in their own, more compact form, so this over-counts.
 */
export function estimateToolTokens(
  request: Pick<PreparedRequest, "tools" | "responseSchema">,
): number {
  let tokens = 0;
  if (request.tools && request.tools.length > 0) {
    tokens += TOKENS_PER_SCHEMA_BLOCK_OVERHEAD;
    for (const tool of request.tools) {
      tokens +=
        Buffer.byteLength(tool.name, "utf8") +
        Buffer.byteLength(tool.description, "utf8") +
        Buffer.byteLength(JSON.stringify(tool.inputSchema), "utf8") +
        TOKENS_PER_TOOL_OVERHEAD;
    }
  }
  if (request.responseSchema) {
    tokens +=
      TOKENS_PER_SCHEMA_BLOCK_OVERHEAD +
      Buffer.byteLength(request.responseSchema.name, "utf8") +
      Buffer.byteLength(JSON.stringify(request.responseSchema.jsonSchema), "utf8");
  }
  return tokens;
}
