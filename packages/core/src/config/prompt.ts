import type { ToolCall } from "../tools/tool.js";
import { lazySchema } from "./lazy-schema.js";

export type ChatRole = "system" | "user" | "assistant" | "tool";

/**
 * One turn of a conversation:
 * - `system` / `user`: text;
 * - `assistant`: what the model said, and the tool calls it made (push `result.toolCalls`);
 * - `tool`: a tool's result, answering the call with that `toolCallId` (any text; JSON is usual).
 */
export type ChatMessage =
  | { readonly role: "system" | "user"; readonly content: string }
  | {
      readonly role: "assistant";
      readonly content: string;
      readonly toolCalls?: readonly ToolCall[] | undefined;
    }
  | { readonly role: "tool"; readonly toolCallId: string; readonly content: string };

/** A prompt is plain text (one user message) or a conversation. */
export type Prompt = string | readonly ChatMessage[];

export const chatMessageSchema = lazySchema((z) =>
  z.discriminatedUnion("role", [
    z.strictObject({ role: z.enum(["system", "user"]), content: z.string() }),
    z.strictObject({
      role: z.literal("assistant"),
      content: z.string(),
      toolCalls: z
        .array(
          z.strictObject({
            id: z.string().min(1, "must be the call's id"),
            name: z.string().min(1, "must name the tool"),
            input: z.unknown(),
            providerMetadata: z.record(z.string(), z.unknown()).optional(),
          }),
        )
        .optional(),
    }),
    z.strictObject({
      role: z.literal("tool"),
      toolCallId: z.string().min(1, "must be the id of the tool call it answers"),
      content: z.string(),
    }),
  ]),
);

/** Built on first use, like `runConfigSchema`. */
export const promptSchema = lazySchema((z) =>
  z.union([
    z.string().min(1, "must not be empty"),
    z.array(chatMessageSchema).min(1, "must hold at least one message"),
  ]),
);

/** Turns either prompt form into a message list. */
export function toMessages(prompt: Prompt): readonly ChatMessage[] {
  return typeof prompt === "string" ? [{ role: "user", content: prompt }] : prompt;
}
