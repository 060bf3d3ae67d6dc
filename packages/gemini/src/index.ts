export { GeminiAdapter } from "./gemini-adapter.js";
export type { GeminiAdapterOptions } from "./gemini-options.js";
export { GEMINI_PRICES, GEMINI_PRICES_AS_OF, geminiPriceTable } from "./gemini-prices.js";
export { type GeminiRunConfig, geminiRunConfigSchema } from "./gemini-run-config.js";
export { GEMINI_MAX_THINKING_TOKENS } from "./gemini-thinking-limits.js";
