import { PRELUDE } from "./prelude.js";

/**
 * Reads one node after freeing expired leases (so the numbers are current). Creates nothing.
 *
 *   KEYS[5]  the node HASH
 *
 * Reply: `{exists (1|0), total, spent, reserved, period}`; total is false when the node does not
 * exist; period is the current period's start (false without a window), as of the script's clock.
 */
export const SNAPSHOT_LUA = `${PRELUDE}
local v = redis.call('HMGET', KEYS[1], LEASE_MARK, FORGET_MARK)
local now = now_ms()
sweep(now, tonumber(v[1]), tonumber(v[2]))

local total, spent, reserved, period = node_view(KEYS[5], now)
if not total then return {0, false, '0', '0', false} end
return {1, total, spent, reserved, period}
`;
