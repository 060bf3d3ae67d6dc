import type { ChatCompletionsDialect } from "../chat-completions-dialect.js";
import { deepseek } from "./deepseek.js";
import { fireworks } from "./fireworks.js";
import { groq } from "./groq.js";
import { lmstudio, ollama, vllm } from "./local-servers.js";
import { mistral } from "./mistral.js";
import { together } from "./together.js";
import { xai } from "./xai.js";

export { deepseek, fireworks, groq, lmstudio, mistral, ollama, together, vllm, xai };

/** Every shipped preset by provider name: `new OpenAICompatibleAdapter({ dialect: OPENAI_COMPATIBLE_PRESETS.groq })`. */
export const OPENAI_COMPATIBLE_PRESETS: Readonly<Record<string, ChatCompletionsDialect>> = {
  deepseek,
  groq,
  xai,
  together,
  mistral,
  fireworks,
  ollama,
  vllm,
  lmstudio,
};
