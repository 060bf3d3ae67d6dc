import { describeAdapterConformance } from "@llmc/testing/conformance";
import { loadOpenAISdk } from "../src/load-openai-sdk.js";
import { OpenAIAdapter } from "../src/openai-adapter.js";

describeAdapterConformance({
  name: "OpenAIAdapter",
  createAdapter: (options) => new OpenAIAdapter(options),
  simulator: { protocol: "openai" },
  model: "gpt-4o-mini",
  // The SDK loads on the first call; load it first so short deadlines never include it.
  beforeAll: () => loadOpenAISdk().then(() => undefined),
  errors: {
    // OpenAI reports an exhausted quota as 429 insufficient_quota: topping up helps, waiting not.
    "insufficient-credits": {
      name: "LLMInsufficientCreditsError",
      retryable: false,
      fields: { status: 429 },
    },
  },
});
