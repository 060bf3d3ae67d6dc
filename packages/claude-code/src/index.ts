export { ClaudeCodeAdapter } from "./claude-code-adapter.js";
export { ClaudeCodeMaxBudgetError, ClaudeCodeMaxTurnsError } from "./claude-code-errors.js";
export type {
  ClaudeCodeOptions,
  ClaudeCodeRunConfig,
  ClaudeCostSource,
  ClaudePermissionMode,
  ClaudeSettingSource,
} from "./claude-code-options.js";
export { CLAUDE_PRICES, CLAUDE_UNKNOWN_MODEL_PRICE } from "./claude-code-prices.js";
export {
  CLI_BARE_PROMPT_OVERHEAD_TOKENS,
  CLI_DEFAULT_PROMPT_OVERHEAD_TOKENS,
  CLI_REPLACED_PROMPT_OVERHEAD_TOKENS,
} from "./claude-reservation.js";
export { MIN_CLAUDE_VERSION } from "./claude-version.js";
