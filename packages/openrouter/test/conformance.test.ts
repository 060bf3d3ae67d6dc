import { describeAdapterConformance } from "@llmc/testing/conformance";
import { loadOpenAISdk } from "../src/load-openai-sdk.js";
import { OpenRouterAdapter } from "../src/openrouter-adapter.js";

describeAdapterConformance({
  name: "OpenRouterAdapter",
  createAdapter: (options) => new OpenRouterAdapter(options),
  simulator: { protocol: "openrouter" },
  model: "openai/gpt-4o-mini",
  // OpenRouter bills every call in `usage.cost`: that is what is charged.
  costSource: "provider",
  // The SDK loads on the first call; load it first so short deadlines never include it.
  beforeAll: () => loadOpenAISdk().then(() => undefined),
});
