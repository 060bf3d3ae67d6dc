import { describeAdapterConformance } from "@llmc/testing/conformance";
import type { ChatCompletionsDialect } from "../src/chat-completions-dialect.js";
import { OpenAICompatibleAdapter } from "../src/openai-compatible-adapter.js";
import { deepseek, groq, vllm, xai } from "../src/presets/index.js";

// The adapter contract, through the presets whose hooks change how an answer is read (DeepSeek's
// usage reader, Groq's usage lookup and max-tokens field, xAI's usage and cost readers) and a
// keyless local server. The presets ship no prices, so the conformance model gets a table here.
const TEST_TABLE = {
  provider: "conformance",
  asOf: "2026-12-01",
  source: "made up for the conformance run",
  // Output far dearer than input, like real tables: the suite scripts more input tokens than the
  // prompt has, and the reservation must still cover the charge.
  models: { "conformance-model": { inputPerMTok: 0.1, outputPerMTok: 2, maxOutputTokens: 4096 } },
};

for (const dialect of [deepseek, groq, xai, vllm] satisfies ChatCompletionsDialect[]) {
  describeAdapterConformance({
    name: `OpenAICompatibleAdapter, ${dialect.provider} preset`,
    createAdapter: (options) =>
      new OpenAICompatibleAdapter({ ...options, dialect, priceTable: TEST_TABLE }),
    simulator: { protocol: "openai" },
    model: "conformance-model",
    notApplicable:
      dialect === xai
        ? {
            // The simulator answers in OpenAI's shape (reasoning inside completion_tokens); xAI
            // counts it beside, and presets.test.ts checks the preset against xAI's own shape.
            "usage-reasoning": "xAI reports reasoning beside completion_tokens, not inside",
          }
        : {},
    errors: {
      "insufficient-credits": {
        name: "LLMInsufficientCreditsError",
        retryable: false,
        fields: { status: 429 },
      },
    },
  });
}
