import { describeAdapterConformance } from "@llmc/testing/conformance";
import { GeminiAdapter } from "../src/index.js";

describeAdapterConformance({
  name: "GeminiAdapter",
  createAdapter: (options) => new GeminiAdapter(options),
  simulator: { protocol: "gemini" },
  model: "gemini-2.5-flash",
  errors: {
    // Google sends an exhausted quota and a rate limit as the same 429 RESOURCE_EXHAUSTED (the
    // per-minute limits are quotas too): nothing tells them apart, so both are a rate limit.
    "insufficient-credits": { name: "LLMRateLimitError", retryable: true },
  },
});
