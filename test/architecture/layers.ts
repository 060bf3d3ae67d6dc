/**
 * The layer of every workspace package, as ARCHITECTURE-LAYERS.md states them. A package may
 * depend only on packages of a lower-numbered (more fundamental) layer, except that packages of
 * the applications layer may depend on anything. Inside layer 2, an adapter may build on a
 * wire-protocol package (`@llmc/openai-compatible`), but no adapter depends on another
 * adapter and a wire-protocol package depends on no other layer-2 package.
 */
export const LAYERS = {
  core: 1,
  "wire-protocol": 2,
  adapter: 2,
  extension: 3,
  application: 4,
} as const;

export type LayerName = keyof typeof LAYERS;

export const PACKAGE_LAYERS: Readonly<Record<string, LayerName>> = {
  "@llmc/core": "core",
  "@llmc/openai-compatible": "wire-protocol",
  "@llmc/openai": "adapter",
  "@llmc/openrouter": "adapter",
  "@llmc/gemini": "adapter",
  "@llmc/claude-code": "adapter",
  "@llmc/testing": "extension",
  "@llmc/budget-redis": "extension",
  "@llmc/otel": "extension",
  "@llmc/agent": "extension",
  "@llmc/demo": "application",
  "@llmc/cli": "application",
  "@llmc/bench": "application",
};

/**
 * Why `from` may not depend on `to` at run time, or `undefined` when it may. Packages outside
 * the map (npm packages) are not layered here; the adapter SDK rule is checked separately.
 */
export function layerViolation(
  from: string,
  to: string,
  layers: Readonly<Record<string, LayerName>> = PACKAGE_LAYERS,
): string | undefined {
  const fromLayer = layers[from];
  const toLayer = layers[to];
  if (fromLayer === undefined || toLayer === undefined || from === to) return undefined;
  if (fromLayer === "application") return undefined;
  if (LAYERS[toLayer] < LAYERS[fromLayer]) return undefined;
  // The one dependency inside a layer: an adapter built on a wire-protocol package.
  if (fromLayer === "adapter" && toLayer === "wire-protocol") return undefined;
  if (fromLayer === "adapter" && toLayer === "adapter") {
    return `${from} depends on ${to}: an adapter never builds on another adapter (share code through a wire-protocol package)`;
  }
  return `${from} (${fromLayer}, layer ${LAYERS[fromLayer]}) may not depend on ${to} (${toLayer}, layer ${LAYERS[toLayer]})`;
}

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
