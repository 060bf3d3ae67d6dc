import { anthropicProtocol } from "./anthropic/anthropic-protocol.js";
import { geminiProtocol } from "./gemini/gemini-protocol.js";
import { openAIProtocol } from "./openai/openai-protocol.js";
import { openRouterProtocol } from "./openrouter/openrouter-protocol.js";
import type { ProviderProtocol } from "./protocol.js";
import type { SimulatorProvider } from "./types.js";

export const PROTOCOLS: Readonly<Record<SimulatorProvider, ProviderProtocol>> = {
  openai: openAIProtocol,
  openrouter: openRouterProtocol,
  gemini: geminiProtocol,
  anthropic: anthropicProtocol,
};
