export { BudgetHasOpenReservationsError, RedisBudgetStoreError } from "./errors.js";
export { DEFAULT_PREFIX, rootOf } from "./keys.js";
export {
  DEFAULT_COMMAND_TIMEOUT_MS,
  DEFAULT_SETTLED_MEMORY_MS,
  DEFAULT_SWEEP_LIMIT,
  type RedisBudgetStoreConnectOptions,
  type RedisBudgetStoreOptions,
  type RedisBudgetStoreSettings,
} from "./options.js";
export {
  type CloseBudgetOptions,
  type CreatedBudget,
  RedisBudgetStore,
} from "./redis-budget-store.js";
export {
  DEFAULT_LEDGER_RETENTION_MS,
  RedisSpendLedger,
  type RedisSpendLedgerConnectOptions,
  type RedisSpendLedgerOptions,
  type RedisSpendLedgerSettings,
} from "./redis-spend-ledger.js";
export type { RedisBudgetClient } from "./script-runner.js";
