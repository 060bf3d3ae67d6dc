/**
 * `gen_ai.provider.name` well-known values of the OpenTelemetry GenAI semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/registry/attributes/gen-ai/, "gen_ai.provider.name"),
 * by llm-connect provider name. A provider the conventions do not list keeps its own name; the
 * exact llm-connect name is always on the span too, as `llmc.provider`.
 */
const WELL_KNOWN: Readonly<Record<string, string>> = {
  openai: "openai",
  gemini: "gcp.gemini",
  // The Claude Code CLI talks to Anthropic's Messages API.
  "claude-code": "anthropic",
  anthropic: "anthropic",
  deepseek: "deepseek",
  groq: "groq",
  xai: "x_ai",
  mistral: "mistral_ai",
  perplexity: "perplexity",
};

export function genAiProviderName(provider: string): string {
  return Object.hasOwn(WELL_KNOWN, provider) ? WELL_KNOWN[provider]! : provider;
}
