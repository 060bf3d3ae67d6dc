export { ADJUST_TOTAL_LUA } from "./adjust-total.js";
export { CLOSE_BUDGET_LUA } from "./close-budget.js";
export { LEDGER_APPEND_LUA } from "./ledger-append.js";
export { RESERVE_LUA } from "./reserve.js";
export { SETTLE_LUA } from "./settle.js";
export { SNAPSHOT_LUA } from "./snapshot.js";
