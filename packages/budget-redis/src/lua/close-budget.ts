import { PRELUDE } from "./prelude.js";

/**
 * Deletes a whole budget tree: its nodes, reservations, leases and settled-id memory.
 *
 *   ARGV[4]  '1' to delete even while reservations are open, '0' to refuse then
 *
 * Reply: `{'open', count}` when refused, else `{'closed', node count}`.
 */
export const CLOSE_BUDGET_LUA = `${PRELUDE}
local v = redis.call('HMGET', KEYS[1], LEASE_MARK, FORGET_MARK)
sweep(now_ms(), tonumber(v[1]), tonumber(v[2]))

local open = redis.call('ZCARD', KEYS[2])
if open > 0 and ARGV[4] ~= '1' then return {'open', open} end

local ids = redis.call('SMEMBERS', KEYS[4])
for _, id in ipairs(ids) do
  redis.call('DEL', NODE_PREFIX .. id)
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
return {'closed', #ids}
`;
