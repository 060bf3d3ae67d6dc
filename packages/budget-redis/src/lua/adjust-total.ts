import { PRELUDE } from "./prelude.js";

/**
 * Adds a (possibly negative) delta to a node's total, creating the node first if needed.
 *
 *   KEYS[5]  the node HASH
 *   ARGV[4]  node id    ARGV[5]  total if the node is created    ARGV[6]  delta (nanos)
 *   ARGV[7]  operation id ('' for none): an operation id already applied is not applied again,
 *            so a command re-sent after a lost reply cannot add a top-up twice
 *
 * Reply: `{created (1|0), total, spent, reserved}` after the change, or
 * `{'out-of-range', total}` (nothing changed) when the new total would leave ±(2^53 − 1): past
 * it the nano-dollar integers no longer round-trip exactly and a cap could fail open.
 */
export const ADJUST_TOTAL_LUA = `${PRELUDE}
local now = now_ms()
local marker = '}adjust}' .. ARGV[7]
local v = redis.call('HMGET', KEYS[1], marker, LEASE_MARK, FORGET_MARK)
local _, forget_at = sweep(now, tonumber(v[2]), tonumber(v[3]))

local delta = tonumber(ARGV[6])
if delta ~= 0 then
  local current = tonumber(redis.call('HGET', KEYS[5], 'total') or ARGV[5])
  -- Both are exact integers below 2^53, so a true sum past the range is >= 2^53 as a double.
  local next_total = current + delta
  if next_total > 9007199254740991 or next_total < -9007199254740991 then
    return {'out-of-range', redis.call('HGET', KEYS[5], 'total') or ARGV[5]}
  end
end

local apply = true
if ARGV[7] ~= '' then
  if v[1] then
    apply = false
  else
    redis.call('HSET', KEYS[1], marker, 'A')
    remember(marker, now, forget_at)
  end
end

local created = 0
if redis.call('HSETNX', KEYS[5], 'total', ARGV[5]) == 1 then
  redis.call('SADD', KEYS[4], ARGV[4])
  created = 1
end
if apply and ARGV[6] ~= '0' then
  redis.call('HINCRBY', KEYS[5], 'total', ARGV[6])
end

local total, spent, reserved = node_view(KEYS[5], now)
return {created, total, spent, reserved}
`;
