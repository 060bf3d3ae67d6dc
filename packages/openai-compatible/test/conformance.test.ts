import { describeAdapterConformance } from "@llmc/testing/conformance";
import { OpenAICompatibleAdapter } from "../src/openai-compatible-adapter.js";

// The generic adapter, with no dialect, against the simulator's plain Chat Completions endpoint.
describeAdapterConformance({
  name: "OpenAICompatibleAdapter",
  createAdapter: (options) =>
    new OpenAICompatibleAdapter({
      provider: "acme",
      ...options,
      priceTable: {
        provider: "acme",
        asOf: "2026-12-01",
        source: "test prices",
        models: {
          "acme-small": { inputPerMTok: 0.15, outputPerMTok: 0.6, maxOutputTokens: 16_384 },
        },
      },
    }),
  simulator: { protocol: "openai" },
  model: "acme-small",
  provider: "acme",
  errors: {
    // The simulator's OpenAI shape: an exhausted quota is 429 insufficient_quota.
    "insufficient-credits": {
      name: "LLMInsufficientCreditsError",
      retryable: false,
      fields: { status: 429 },
    },
  },
});
