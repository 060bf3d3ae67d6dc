// One call to each provider, with the keys and endpoints from the usual environment variables:
//   OPENAI_API_KEY      (+ OPENAI_BASE_URL for a compatible endpoint)
//   GEMINI_API_KEY      (+ GOOGLE_GEMINI_BASE_URL, read by the @google/genai SDK)
//   OPENROUTER_API_KEY  (+ OPENROUTER_BASE_URL)
//   Claude Code: only with LLMC_EXAMPLE_CLAUDE=1, since it runs the `claude` CLI (from PATH,
//   logged in or with ANTHROPIC_API_KEY; ANTHROPIC_BASE_URL for another endpoint).
import { ClaudeCodeAdapter } from "@llmc/claude-code";
import type { LLMAdapter } from "@llmc/core";
import { GeminiAdapter } from "@llmc/gemini";
import { OpenAIAdapter } from "@llmc/openai";
import { OpenRouterAdapter } from "@llmc/openrouter";

const calls: [LLMAdapter, string][] = [
  [new OpenAIAdapter(), "gpt-4o-mini"],
  [new GeminiAdapter(), "gemini-2.5-flash"],
  [new OpenRouterAdapter(), "openai/gpt-4o-mini"],
];
if (process.env.LLMC_EXAMPLE_CLAUDE === "1") calls.push([new ClaudeCodeAdapter(), "haiku"]);

for (const [adapter, model] of calls) {
  const r = await adapter.executePrompt("Name one prime number.", {
    model,
    maxOutputTokens: 50,
    timeoutMs: 60_000,
  });
  const cost = r.costUsd === undefined ? "unknown" : `$${r.costUsd.toFixed(6)}`;
  console.log(
    `${r.provider} ${r.model}: ${r.usage.inputTokens} in / ${r.usage.outputTokens} out, ${cost} (${r.costSource}): ${r.text}`,
  );
}
