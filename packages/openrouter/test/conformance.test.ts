import { describeAdapterConformance } from "@llmc/testing/conformance";
import { OpenRouterAdapter } from "../src/openrouter-adapter.js";

describeAdapterConformance({
  name: "OpenRouterAdapter",
  createAdapter: (options) => new OpenRouterAdapter(options),
  simulator: { protocol: "openrouter" },
  model: "openai/gpt-4o-mini",
  // OpenRouter bills every call in `usage.cost`: that is what is charged.
  costSource: "provider",
  errors: {
    // OpenRouter answers 402 when the account's credits are used up.
    "insufficient-credits": {
      name: "LLMInsufficientCreditsError",
      retryable: false,
      fields: { status: 402 },
    },
  },
});
