import { z } from "zod";

/**
 * The CLI's JSON output, only the fields this package reads. Every field is `nullish`: the
 * CLI prints fields in a different order and adds new ones between versions (2.1.197 vs
 * 2.1.332), and some are absent on errors (`error_max_turns` has no `result`).
 */
const anthropicUsageSchema = z.object({
  input_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
});

const modelUsageSchema = z.object({
  inputTokens: z.number().nullish(),
  outputTokens: z.number().nullish(),
  cacheReadInputTokens: z.number().nullish(),
  cacheCreationInputTokens: z.number().nullish(),
  costUSD: z.number().nullish(),
});

/** The last line of every run: `{"type":"result", …}`. */
export const claudeResultSchema = z.object({
  type: z.literal("result"),
  subtype: z.string().nullish(),
  /** Decides success with the exit code; `subtype` is "success" even for API errors. */
  is_error: z.boolean().nullish(),
  api_error_status: z.number().nullish(),
  result: z.string().nullish(),
  errors: z.array(z.string()).nullish(),
  stop_reason: z.string().nullish(),
  terminal_reason: z.string().nullish(),
  session_id: z.string().nullish(),
  num_turns: z.number().nullish(),
  duration_ms: z.number().nullish(),
  duration_api_ms: z.number().nullish(),
  total_cost_usd: z.number().nullish(),
  usage: anthropicUsageSchema.nullish(),
  modelUsage: z.record(z.string(), modelUsageSchema).nullish(),
  permission_denials: z.array(z.unknown()).nullish(),
  /** With `--json-schema`: the object the model gave the CLI's StructuredOutput tool. */
  structured_output: z.unknown().optional(),
});

export type ClaudeResult = z.infer<typeof claudeResultSchema>;
export type ClaudeModelUsage = z.infer<typeof modelUsageSchema>;
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;

const textBlockSchema = z.object({ type: z.string(), text: z.string().nullish() });

/** `{"type":"assistant"}`: one finished model message (or part of one). */
export const claudeAssistantEventSchema = z.object({
  type: z.literal("assistant"),
  parent_tool_use_id: z.string().nullish(),
  message: z.object({
    id: z.string().nullish(),
    content: z.array(textBlockSchema).nullish(),
  }),
});

/** `{"type":"stream_event"}` (with `--include-partial-messages`): one raw Anthropic SSE event. */
export const claudeStreamEventSchema = z.object({
  type: z.literal("stream_event"),
  parent_tool_use_id: z.string().nullish(),
  event: z.object({
    type: z.string(),
    message: z.object({ id: z.string().nullish() }).nullish(),
    delta: z.object({ type: z.string().nullish(), text: z.string().nullish() }).nullish(),
  }),
});
