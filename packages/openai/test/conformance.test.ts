import { describeAdapterConformance } from "@llmc/testing/conformance";
import { OpenAIAdapter } from "../src/openai-adapter.js";

describeAdapterConformance({
  name: "OpenAIAdapter",
  createAdapter: (options) => new OpenAIAdapter(options),
  simulator: { protocol: "openai" },
  model: "gpt-4o-mini",
  errors: {
    // OpenAI reports an exhausted quota as 429 insufficient_quota: topping up helps, waiting not.
    "insufficient-credits": {
      name: "LLMInsufficientCreditsError",
      retryable: false,
      fields: { status: 429 },
    },
  },
});
