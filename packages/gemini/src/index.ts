export { GeminiAdapter, type GeminiAdapterOptions } from "./gemini-adapter.js";
export { GEMINI_PRICES, GEMINI_PRICES_AS_OF } from "./gemini-prices.js";
export { type GeminiRunConfig, geminiRunConfigSchema } from "./gemini-run-config.js";
export { GEMINI_MAX_THINKING_TOKENS } from "./gemini-thinking-limits.js";
