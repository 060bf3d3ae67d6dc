import { lazySchema } from "./lazy-schema.js";

export type ChatRole = "system" | "user" | "assistant";

export interface ChatMessage {
  readonly role: ChatRole;
  readonly content: string;
}

/** A prompt is plain text (one user message) or a conversation. */
export type Prompt = string | readonly ChatMessage[];

export const chatMessageSchema = lazySchema((z) =>
  z.strictObject({
    role: z.enum(["system", "user", "assistant"]),
    content: z.string(),
  }),
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
