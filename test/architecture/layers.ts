/**
 * The layer of every workspace package, as ARCHITECTURE-LAYERS.md states them. A package may
 * depend only on packages of a lower-numbered (more fundamental) layer, except that packages of
 * the applications layer may depend on anything. No adapter depends on another adapter.
 */
export const LAYERS = {
  core: 1,
  adapter: 2,
  extension: 3,
  application: 4,
} as const;

export type LayerName = keyof typeof LAYERS;

export const PACKAGE_LAYERS: Readonly<Record<string, LayerName>> = {
  "@llmc/core": "core",
  "@llmc/openai": "adapter",
  "@llmc/openrouter": "adapter",
  "@llmc/gemini": "adapter",
  "@llmc/claude-code": "adapter",
  "@llmc/testing": "extension",
  "@llmc/budget-redis": "extension",
  "@llmc/demo": "application",
  "@llmc/cli": "application",
  "@llmc/bench": "application",
};

/** Packages that talk to a provider or a datastore; core must never import any of them. */
export const PROVIDER_SDKS: readonly string[] = [
  "openai",
  "@google/genai",
  "@google/generative-ai",
  "@anthropic-ai/sdk",
  "@anthropic-ai/claude-code",
  "@openrouter/ai-sdk-provider",
  "redis",
  "ioredis",
];
