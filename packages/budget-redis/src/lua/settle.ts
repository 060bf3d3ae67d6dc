import { PRELUDE } from "./prelude.js";

/**
 * Charges the actual cost of a reservation to its chain and frees it (release is settle 0).
 *
 *   ARGV[4]  reservation id        ARGV[5]  actual cost (nanos)
 *
 * Reply `{status, charged}`:
 *   settled          the reservation was open: un-reserve its amount, add the actual cost
 *   expired          its lease had run out (already un-reserved): add the actual cost anyway
 *   already-settled  settled before (within the memory window); nothing changes
 *                    (the window starts at the settle, or for an expired lease at its expiry)
 *   unknown          never seen, or forgotten after the memory window; nothing changes
 */
export const SETTLE_LUA = `${PRELUDE}
local rid = ARGV[4]
local now = now_ms()
local v = redis.call('HMGET', KEYS[1], rid, LEASE_MARK, FORGET_MARK)
local _, forget_at, freed = sweep(now, tonumber(v[2]), tonumber(v[3]))
local record = v[1]
if record and freed then record = redis.call('HGET', KEYS[1], rid) end
if not record then return {'unknown', '0'} end

local kind = string.sub(record, 1, 1)
if kind == 'S' then return {'already-settled', string.sub(record, 3)} end
if kind ~= 'O' and kind ~= 'E' then
  return redis.error_reply('LLMC_BAD_RECORD reservation ' .. rid .. ' has an unreadable record')
end

local amount, ids, t = parse_hold(record)
local held = tonumber(amount)
local actual = tonumber(ARGV[5])
for _, id in ipairs(ids) do
  local key = NODE_PREFIX .. id
  -- A hold of a finished period settles there: the current period's numbers stay as they are.
  if hold_counts(key, t) then
    if kind == 'O' then incr(key, 'reserved', -held) end
    incr(key, 'spent', actual)
  end
end

redis.call('HSET', KEYS[1], rid, 'S}' .. ARGV[5])
if kind == 'O' then
  -- Removing a lease can only raise the earliest expiry: the lease mark stays valid.
  redis.call('ZREM', KEYS[2], rid)
  remember(rid, now, forget_at)
end
-- An expired record was queued when its lease ran out; its memory runs from then.
if kind == 'O' then return {'settled', ARGV[5]} end
return {'expired', ARGV[5]}
`;
