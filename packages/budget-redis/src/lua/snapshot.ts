import { PRELUDE } from "./prelude.js";

/**
 * Reads one node after freeing expired leases (so the numbers are current). Creates nothing.
 *
 *   KEYS[5]  the node HASH
 *
 * Reply: `{exists (1|0), total, spent, reserved}`; total is false when the node does not exist.
 */
export const SNAPSHOT_LUA = `${PRELUDE}
local v = redis.call('HMGET', KEYS[1], LEASE_MARK, FORGET_MARK)
sweep(now_ms(), tonumber(v[1]), tonumber(v[2]))

local total, spent, reserved = node_state(KEYS[5])
if not total then return {0, false, '0', '0'} end
return {1, total, spent, reserved}
`;
