import { PRELUDE } from "./prelude.js";

/**
 * Reserves an amount on every node of a chain, or on none.
 *
 *   KEYS[5..]  the chain's node HASHes, leaf first, root last
 *   ARGV[4]    reservation id        ARGV[5]  amount (nanos)      ARGV[6]  lease (ms)
 *   ARGV[7..]  per node: id, total used if the node does not exist yet, window ('' for none;
 *              a node without a window takes the given one, an existing window is kept)
 *
 * Reply: `{'ok'}` (`{'ok', t}` when a node is windowed: the reserve time, whose period on each
 * windowed node the hold belongs to) or `{'refused', id, total, spent, reserved}` for the first
 * node (leaf first) without room. A reservation id that is already open replies `ok` without holding anything
 * more, so a reserve retried after a lost reply cannot hold twice; an id that was already
 * settled or expired is an error.
 */
export const RESERVE_LUA = `${PRELUDE}
local rid = ARGV[4]
local now = now_ms()
local v = redis.call('HMGET', KEYS[1], rid, LEASE_MARK, FORGET_MARK)
local lease_at, _, freed = sweep(now, tonumber(v[2]), tonumber(v[3]))
local existing = v[1]
if existing and freed then existing = redis.call('HGET', KEYS[1], rid) end
if existing then
  if string.sub(existing, 1, 1) == 'O' then
    local _, _, t = parse_hold(existing)
    if t then return {'ok', string.format('%.0f', t)} end
    return {'ok'}
  end
  return redis.error_reply('LLMC_RESERVATION_REUSED reservation id ' .. rid .. ' was already used')
end

local amount = tonumber(ARGV[5])
local count = #KEYS - 4
local ids = {}
local windowed = false

-- Read every node; missing ones are created with the caller's total (existing nodes keep
-- theirs: HSETNX semantics, without a second command per node).
local state = {}
for i = 1, count do
  ids[i] = ARGV[4 + 3 * i]
  local key = KEYS[4 + i]
  local v = redis.call('HMGET', key, 'total', 'spent', 'reserved', 'w', 'p')
  local total, spent, reserved = v[1], v[2] or '0', v[3] or '0'
  if not total then
    total = ARGV[5 + 3 * i]
    redis.call('HSET', key, 'total', total)
    redis.call('SADD', KEYS[4], ids[i])
  end
  local w = v[4]
  if not w and ARGV[6 + 3 * i] ~= '' then
    w = ARGV[6 + 3 * i]
    redis.call('HSET', key, 'w', w)
  end
  if w then
    windowed = true
    -- A new period starts with nothing spent or held (holds of the old one belong to it).
    local current = period_of(w, now)
    if not v[5] or current > tonumber(v[5]) then
      redis.call('HSET', key, 'p', string.format('%.0f', current), 'spent', '0', 'reserved', '0')
      spent, reserved = '0', '0'
    end
  end
  state[i] = {total, spent, reserved}
end

-- Check every node before writing any: a refusal leaves no hold behind.
for i = 1, count do
  local s = state[i]
  if amount > tonumber(s[1]) - tonumber(s[2]) - tonumber(s[3]) then
    return {'refused', ids[i], s[1], s[2], s[3]}
  end
end

for i = 1, count do
  incr(KEYS[4 + i], 'reserved', amount)
end
local stamp = ''
if windowed then stamp = '@' .. string.format('%.0f', now) end
redis.call('HSET', KEYS[1], rid, 'O}' .. ARGV[5] .. stamp .. '}' .. table.concat(ids, '}'))
local expires = now + tonumber(ARGV[6])
redis.call('ZADD', KEYS[2], expires, rid)
if not lease_at or expires < lease_at then
  redis.call('HSET', KEYS[1], LEASE_MARK, expires)
end
if windowed then return {'ok', string.format('%.0f', now)} end
return {'ok'}
`;
