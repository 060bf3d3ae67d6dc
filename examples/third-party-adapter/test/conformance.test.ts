import { describeAdapterConformance } from "@llmc/testing/conformance";
import { AcmeAdapter } from "../src/index.js";

// Acme speaks the Chat Completions shape, which the simulator serves as "openai".
describeAdapterConformance({
  name: "AcmeAdapter",
  createAdapter: (options) => new AcmeAdapter(options),
  simulator: { protocol: "openai" },
  model: "acme-small",
  errors: {
    // The simulator's quota fault is OpenAI's 429 insufficient_quota, which Acme also sends.
    "insufficient-credits": { name: "LLMInsufficientCreditsError", retryable: false },
  },
});
